import type { AuthenticateClient } from '../client-auth/client-authentication.js';
import type { FoundToken, TokenLookup } from '../tokens/token-lookup.js';
import type { Endpoint } from './endpoint.types.js';
import { optionalParameter, requiredParameter } from './form-fields.js';
import { NO_STORE_HEADERS } from './no-store.js';
import { requireForm } from './require-form.js';

/** RFC 7662 §2.2 introspection response, with the PSU authorization behind a user token. */
export interface IntrospectionResponse {
  readonly active: boolean;
  readonly scope?: string;
  readonly client_id?: string;
  /** RFC 7662 §2.2: the access token's type; absent for refresh tokens. */
  readonly token_type?: 'Bearer';
  readonly exp?: number;
  readonly iat?: number;
  readonly sub?: string;
  readonly iss?: string;
  readonly cnf?: { readonly 'x5t#S256': string };
  /** The consent (UK OB intent) the PSU authorised. */
  readonly openbanking_intent_id?: string;
  /** Ids of the accounts the PSU chose on the consent page. */
  readonly accounts?: readonly string[];
  readonly acr?: string;
  readonly auth_time?: number;
}

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

/**
 * Token introspection (RFC 7662): requires an authenticated client (§2.1); answers for access and refresh tokens
 * (`token_type_hint` only orders the lookup), `active: false` for unknown, expired or revoked ones and for tokens
 * whose grant was revoked or has expired (§2.2). For a PSU's token it adds what the resource server needs to enforce
 * the consent: intent, chosen accounts, acr, auth_time.
 */
export function createIntrospectionEndpoint(authenticateClient: AuthenticateClient, tokens: TokenLookup, issuer: string): Endpoint {
  return async (request) => {
    const form = requireForm(request);
    const token = requiredParameter(form, 'token');
    await authenticateClient(
      { form, authorization: request.headers['authorization'], certificate: request.clientCertificate },
      request.now,
    );
    const found = await tokens.find(token, optionalParameter(form, 'token_type_hint'));
    const body = found === undefined || !tokens.isActive(found, request.now) ? { active: false } : describe(found, issuer);
    return { status: 200, headers: NO_STORE_HEADERS, body };
  };
}

function describe(found: FoundToken, issuer: string): IntrospectionResponse {
  const { record, grant } = found;
  const thumbprint = record.certificateThumbprint;
  const subject = found.kind === 'access_token' ? found.record.subject : grant?.subject;
  return {
    active: true,
    scope: record.scope,
    client_id: record.clientId,
    ...(found.kind === 'access_token' ? { token_type: 'Bearer' as const } : {}),
    exp: seconds(record.expiresAt),
    iat: seconds(record.issuedAt),
    sub: subject ?? record.clientId,
    iss: issuer,
    ...(thumbprint === undefined ? {} : { cnf: { 'x5t#S256': thumbprint } }),
    ...(grant === undefined
      ? {}
      : {
          accounts: grant.accounts,
          auth_time: seconds(grant.authTime),
          ...(grant.acr === undefined ? {} : { acr: grant.acr }),
          ...(grant.intentId === undefined ? {} : { openbanking_intent_id: grant.intentId }),
        }),
  };
}
