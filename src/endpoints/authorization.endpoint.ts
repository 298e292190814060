import { clientOf } from '../clients/client.js';
import type { AuthorizationContext } from '../authorization/authorization-context.js';
import { validateAuthorizationRequest, responseTarget } from '../authorization/authorization-request.validator.js';
import { toStoredRequest } from '../authorization/authorization-request.js';
import { stagePath } from '../authorization/interaction-session.js';
import { authorizationEndpointParameters } from '../authorization/request-source.js';
import { invalidRequest, missingParameter } from '../errors/error-factories.js';
import { OAuthError } from '../errors/oauth-error.js';
import { hashToken, randomHandle } from '../tokens/token-hash.js';
import { interactionCookie } from '../ui/interaction-cookie.js';
import { LANGUAGES, pageLanguage, type Language } from '../protocol/language.js';
import { seeOther } from '../ui/page-response.js';
import { intentFacts } from './audit-facts.js';
import type { Endpoint } from '../protocol/endpoint.types.js';
import { queryParameters } from '../protocol/query-parameters.js';
import { requireForm } from '../protocol/require-form.js';

/**
 * The authorization endpoint (RFC 6749 §3.1, §4.1.1; OpenID Connect Core §3.1.2, §3.3.2), GET or form POST on the
 * front channel. It resolves the request (PAR `request_uri`, request object, or query), validates it, and starts a PSU
 * interaction: a server-side session keyed by the SHA-256 of a 256-bit cookie value, then `303` to the login page.
 * Requests that name no known client or no registered redirect URI end on an error page (the route's errorPage);
 * every other error is redirected to the client with `state` and `iss` (RFC 6749 §4.1.2.1, RFC 9207).
 */
export function createAuthorizationEndpoint(context: AuthorizationContext): Endpoint {
  const { storage, policy } = context;
  const sources = { settings: policy.settings, verifyRequestObject: context.verifyRequestObject, pushedRequests: storage.pushedRequests };
  return async (request) => {
    const raw = request.method === 'POST' ? requireForm(request) : queryParameters(request.url, context.limits);
    const clientId = raw.get('client_id');
    if (clientId === undefined || clientId === '') throw missingParameter('client_id');
    const record = await storage.clients.find(clientId);
    if (record === undefined) throw invalidRequest('The client_id is not a registered client', 'client_unknown');
    request.audit({ clientId });
    const client = clientOf(record);
    const { parameters } = await authorizationEndpointParameters(raw, client, sources, request.now);
    const target = responseTarget(parameters, client, policy);
    let validated;
    try {
      validated = await validateAuthorizationRequest(parameters, client, target, policy, storage.consents, request.now);
    } catch (error) {
      if (error instanceof OAuthError && error.status < 500) {
        request.audit({ refusal: error });
        return seeOther(context.responder.error(target, error, request.now));
      }
      throw error;
    }
    request.audit(intentFacts(validated.intentId));
    const secret = randomHandle(32);
    await storage.interactions.insert({
      interactionHash: hashToken(secret),
      clientId: client.clientId,
      request: toStoredRequest(validated),
      stage: 'login',
      failedAttempts: 0,
      createdAt: request.now,
      expiresAt: new Date(request.now.getTime() + context.lifetimes.interaction * 1000),
    });
    const prefix = uiLocalePrefix(parameters.get('ui_locales')) ?? pageLanguage(request.url, undefined).prefix;
    return seeOther(stagePath('login', prefix), { 'set-cookie': interactionCookie(secret, context.lifetimes.interaction) });
  };
}

/** OpenID Connect Core §3.1.2.1 `ui_locales`: the first language tag obas has pages in. */
function uiLocalePrefix(uiLocales: string | undefined): string | undefined {
  const language = uiLocales
    ?.split(' ')
    .map((tag) => tag.toLowerCase().split('-')[0])
    .find((tag): tag is Language => LANGUAGES.includes(tag as Language));
  return language === undefined ? undefined : `/${language}`;
}
