import type { AuthenticateClient } from '../client-auth/client-authentication.js';
import type { AuthenticatedClient } from '../client-auth/client-authenticator.js';
import type { SenderBinding } from '../tokens/sender-binding.js';
import { unauthorizedClient, unsupportedGrantType } from '../errors/error-factories.js';
import type { GrantHandler } from '../grants/grant-handler.js';
import type { Endpoint, EndpointRequest, EndpointResponse, FormParameters } from '../protocol/endpoint.types.js';
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

/** Decides once per token request what its tokens are bound to (RFC 8705 §3, RFC 9449 §5). */
export type BindSender = (client: AuthenticatedClient, request: EndpointRequest) => Promise<SenderDecision>;

/**
 * The token endpoint (RFC 6749 §3.2): authenticate the client, check it may use the grant type, decide the sender
 * binding, dispatch to the grant's handler with only the parameters that handler declared. The audit trail gets the grant type, the client, and
 * the PSU and consent of the tokens issued.
 */
export function createTokenEndpoint(authenticateClient: AuthenticateClient, handlers: readonly GrantHandler[], bindSender: BindSender): Endpoint {
  const registry = new Map(handlers.map((handler) => [handler.grantType, handler]));

  return async (request) => {
    const form = requireForm(request);
    const grantType = requiredParameter(form, 'grant_type');
    const handler = registry.get(grantType);
    if (handler === undefined) throw unsupportedGrantType('The grant type is not supported');
    request.audit({ grantType });
    const recall = handler.changesNothingBeforeIssuing === true && request.headers['dpop'] === undefined;
    return issue(request, form, handler, recall);
  };

  /**
   * Authenticates the client (with `recall`, first on the client record this process remembers) and runs the grant.
   * A request authorised on a recalled record that is refused, or whose token insert finds the client changed, runs
   * again on the stored record: safe, since nothing before that insert changed any state (no DPoP proof, whose `jti`
   * would be spent, and a handler that {@link GrantHandler.changesNothingBeforeIssuing}).
   */
  async function issue(request: EndpointRequest, form: FormParameters, handler: GrantHandler, recall: boolean): Promise<EndpointResponse> {
    const client = await authenticateClient(
      { form, authorization: request.headers['authorization'], certificate: request.clientCertificate },
      request.now,
      { recall },
    );
    if (client.recalledVersion === undefined) return grant(request, form, handler, client);
    try {
      return await grant(request, form, handler, client);
    } catch (error) {
      if (!(error instanceof StaleClientRecord || (error instanceof OAuthError && error.status < 500))) throw error;
      return issue(request, form, handler, false);
    }
  }

  async function grant(request: EndpointRequest, form: FormParameters, handler: GrantHandler, client: AuthenticatedClient): Promise<EndpointResponse> {
    request.audit({ clientId: client.client.clientId });
    if (!client.client.grantTypes.has(handler.grantType)) {
      throw unauthorizedClient(`The client is not registered for the ${handler.grantType} grant`);
    }
    const { binding, headers } = await bindSender(client, request);
    const { response, ...psu } = await handler.handle({ client, parameters: declaredParameters(form, handler.parameters), binding, now: request.now });
    request.audit({ ...psu, decision: 'issued' });
    return { status: 200, headers: { ...NO_STORE_HEADERS, ...headers }, body: response };
  }
}

/** The members of `form` a grant handler declared (its allowlist), copied member by member: this runs on every token request. */
function declaredParameters(form: ReadonlyMap<string, string>, declared: ReadonlySet<string>): Map<string, string> {
  const parameters = new Map<string, string>();
  for (const [name, value] of form) if (declared.has(name)) parameters.set(name, value);
  return parameters;
}
