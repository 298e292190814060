import type { AuthenticateClient } from '../client-auth/client-authentication.js';
import { consentSummary } from '../consent/consent-summary.js';
import type { IntrospectionResponseFormat } from '../consent/resource-server-config.js';
import type { IdentifyResourceServer } from '../consent/resource-servers.js';
import type { ConsentRepository } from '../storage/ports.js';
import type { SignIntrospectionJwt } from '../tokens/introspection-jwt.js';
import type { FoundToken, TokenLookup } from '../tokens/token-lookup.js';
import { subjectOf, tokenFacts } from './audit-facts.js';
import { introspectionFormat } from './introspection-accept.js';
import { renderIntrospection, type IntrospectionResponse } from './introspection-response.js';
import type { Endpoint, EndpointRequest, FormParameters } from '../protocol/endpoint.types.js';
import { optionalParameter, requiredParameter } from '../protocol/form-fields.js';
import { requireForm } from '../protocol/require-form.js';

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);
const OTHER_CREDENTIALS = ['client_assertion', 'client_secret'];

/** Who is introspecting: the `aud` of a JWT answer, whose tokens it may see, and the format it gets by default. */
interface Caller {
  readonly audience: string;
  /** The client whose tokens alone it may see; undefined for a resource server, which sees every token. */
  readonly owner?: string;
  readonly preferred: IntrospectionResponseFormat;
}

/**
 * Token introspection (RFC 7662). Callers (§2.1): a configured resource server, recognised by its mTLS certificate
 * (sending no client credentials, and no `client_id` but its own id), may introspect any token; an authenticated client only its own
 * (another client's token answers `active: false`, as an unknown one would, so nothing is disclosed).
 * `token_type_hint` only orders the lookup. Inactive (§2.2): unknown, expired or revoked tokens, and tokens whose grant
 * was revoked or expired (their consent ended). For a PSU's token the answer carries the consent: id, status,
 * permissions or payment, chosen accounts, acr, auth_time; a DPoP-bound token is `token_type: DPoP` with `cnf.jkt`
 * (RFC 9449 §6.2). The answer is JSON, or a signed JWT (RFC 9701) when the
 * caller asks for one in `Accept` or is a resource server configured with `introspectionResponse: jwt`.
 */
export function createIntrospectionEndpoint(
  authenticateClient: AuthenticateClient,
  identifyResourceServer: IdentifyResourceServer,
  tokens: TokenLookup,
  consents: Pick<ConsentRepository, 'find'>,
  issuer: string,
  signIntrospectionJwt: SignIntrospectionJwt,
): Endpoint {
  return async (request) => {
    const form = requireForm(request);
    const token = requiredParameter(form, 'token');
    const { audience, owner, preferred } = await caller(request, form);
    const format = introspectionFormat(request.headers['accept'], preferred);
    const found = await tokens.find(token, optionalParameter(form, 'token_type_hint'));
    const visible = found !== undefined && (owner === undefined || found.record.clientId === owner);
    if (visible) request.audit(tokenFacts(found));
    const body = !visible || !tokens.isActive(found, request.now) ? { active: false } : await describe(found, issuer, consents);
    return renderIntrospection({ body, format, audience, now: request.now }, signIntrospectionJwt);
  };

  /**
   * The client introspecting, or a resource server (which may see every token): a configured resource server's
   * certificate, with no client credentials but, at most, its own id as `client_id` (what an OAuth library doing
   * `tls_client_auth` sends).
   */
  async function caller(request: EndpointRequest, form: FormParameters): Promise<Caller> {
    const server = identifyResourceServer(request.clientCertificate);
    const clientId = form.get('client_id');
    const credentials = OTHER_CREDENTIALS.some((name) => form.has(name)) || request.headers['authorization'] !== undefined;
    if (server !== undefined && !credentials && (clientId === undefined || clientId === server.id)) {
      request.audit({ clientId: server.id });
      return { audience: server.id, preferred: server.introspectionResponse ?? 'json' };
    }
    const { client } = await authenticateClient({ form, authorization: request.headers['authorization'], certificate: request.clientCertificate }, request.now);
    request.audit({ clientId: client.clientId });
    return { audience: client.clientId, owner: client.clientId, preferred: 'json' };
  }
}

async function describe(found: FoundToken, issuer: string, consents: Pick<ConsentRepository, 'find'>): Promise<IntrospectionResponse> {
  const { record, grant } = found;
  const thumbprint = record.certificateThumbprint;
  const jkt = 'dpopKeyThumbprint' in record ? record.dpopKeyThumbprint : undefined;
  const subject = subjectOf(found);
  const consent = grant?.intentId === undefined ? undefined : await consents.find(grant.intentId);
  return {
    active: true,
    scope: record.scope,
    client_id: record.clientId,
    ...(found.kind === 'access_token' ? { token_type: jkt === undefined ? ('Bearer' as const) : ('DPoP' as const) } : {}),
    exp: seconds(record.expiresAt),
    iat: seconds(record.issuedAt),
    sub: subject ?? record.clientId,
    iss: issuer,
    ...(jkt !== undefined ? { cnf: { jkt } } : thumbprint === undefined ? {} : { cnf: { 'x5t#S256': thumbprint } }),
    ...(grant === undefined
      ? {}
      : {
          accounts: grant.accounts,
          auth_time: seconds(grant.authTime),
          ...(grant.acr === undefined ? {} : { acr: grant.acr }),
          ...(grant.intentId === undefined ? {} : { openbanking_intent_id: grant.intentId }),
        }),
    ...(consent === undefined ? {} : { consent: consentSummary(consent) }),
  };
}
