import type { AuthenticateClient, ClientAuthenticationOptions } from '../client-auth/client-authentication.js';
import type { AuthenticatedClient } from '../client-auth/client-authenticator.js';
import type { SenderBinding } from '../tokens/sender-binding.js';
import { unauthorizedClient, unsupportedGrantType } from '../errors/error-factories.js';
import type { GrantHandler, GrantResult } from '../grants/grant-handler.js';
import type { AuditFacts, Endpoint, EndpointRequest, EndpointResponse } from '../protocol/endpoint.types.js';
import type { Mutable } from '../shared/mutable.js';
import { OAuthError } from '../errors/oauth-error.js';
import { StaleClientRecord } from '../tokens/access-token-issuer.js';
import { requiredParameter } from '../protocol/form-fields.js';
import { NO_STORE_HEADERS } from '../protocol/no-store.js';
import { requireForm } from '../protocol/require-form.js';

/** The sender binding of a token request's tokens, and headers its successful answer carries (RFC 9449 §8 `DPoP-Nonce`). */
export interface SenderDecision {
  readonly binding: SenderBinding;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * Decides once per token request what its tokens are bound to (RFC 8705 §3, RFC 9449 §5): at once, with no promise,
 * when there is no DPoP proof to verify.
 */
export type BindSender = (client: AuthenticatedClient, request: EndpointRequest) => SenderDecision | Promise<SenderDecision>;

/**
 * The token endpoint (RFC 6749 §3.2): authenticate the client, check it may use the grant type, decide the sender
 * binding, dispatch to the grant's handler with only the parameters that handler declared. The audit trail gets the grant type, the client, and
 * the PSU and consent of the tokens issued.
 */
export function createTokenEndpoint(authenticateClient: AuthenticateClient, handlers: readonly GrantHandler[], bindSender: BindSender): Endpoint {
  const registry = new Map(handlers.map((handler) => [handler.grantType, handler]));

  /**
   * Answers one token request. Unless told not to (`recall` false), a request whose handler
   * {@link GrantHandler.changesNothingBeforeIssuing} and that carries no DPoP proof (whose `jti` it would spend)
   * authenticates on the client record this process remembers; refused after that, or finding at its token insert that
   * the client changed, it runs again on the stored record — safe, since nothing before that insert changed any state.
   */
  async function answer(request: EndpointRequest, recall?: false): Promise<EndpointResponse> {
    const form = requireForm(request);
    const grantType = requiredParameter(form, 'grant_type');
    const handler = registry.get(grantType);
    if (handler === undefined) throw unsupportedGrantType('The grant type is not supported');
    request.audit({ grantType });
    const authenticating = authenticateClient(
      { form, authorization: request.headers['authorization'], certificate: request.clientCertificate },
      request.now,
      (recall ?? (handler.changesNothingBeforeIssuing === true && request.headers['dpop'] === undefined)) ? RECALL : STORED,
    );
    // Awaited only when a promise (each await costs a turn of the microtask queue: this runs for every token request).
    const client = authenticating instanceof Promise ? await authenticating : authenticating;
    try {
      request.audit({ clientId: client.client.clientId });
      if (!client.client.grantTypes.has(grantType)) throw unauthorizedClient(`The client is not registered for the ${grantType} grant`);
      const decision = bindSender(client, request);
      const { binding, headers } = decision instanceof Promise ? await decision : decision;
      const result = await handler.handle({ client, parameters: declaredParameters(form, handler.parameters), binding, now: request.now });
      request.audit(issuedFacts(result));
      return { status: 200, headers: noStoreWith(headers), body: result.response };
    } catch (error) {
      if (client.recalledVersion === undefined || !(error instanceof StaleClientRecord || (error instanceof OAuthError && error.status < 500))) throw error;
      return answer(request, false);
    }
  }

  return (request) => answer(request);
}

const RECALL: ClientAuthenticationOptions = { recall: true };
const STORED: ClientAuthenticationOptions = { recall: false };

/** The audit facts of a successful token response: the PSU and consent its tokens act for, when any. */
function issuedFacts(result: GrantResult): AuditFacts {
  const facts: Mutable<AuditFacts> = { decision: 'issued' };
  if (result.subject !== undefined) facts.subject = result.subject;
  if (result.consentId !== undefined) facts.consentId = result.consentId;
  return facts;
}

/** The no-store headers with the sender decision's own (DPoP-Nonce): the shared constant when it has none (most requests). */
function noStoreWith(headers: Readonly<Record<string, string>>): Readonly<Record<string, string>> {
  for (const _name in headers) return { ...NO_STORE_HEADERS, ...headers };
  return NO_STORE_HEADERS;
}

/** The members of `form` a grant handler declared (its allowlist), copied member by member: this runs on every token request. */
function declaredParameters(form: ReadonlyMap<string, string>, declared: ReadonlySet<string>): Map<string, string> {
  const parameters = new Map<string, string>();
  for (const [name, value] of form) if (declared.has(name)) parameters.set(name, value);
  return parameters;
}
