import { randomUUID } from 'node:crypto';
import { clientAccessToken } from '../consent/bearer-access.js';
import { INTENT_SCOPES, intentView, readIntentRequest } from '../consent/intent-request.js';
import { OAuthError } from '../errors/oauth-error.js';
import type { IntentRepository } from '../storage/ports.js';
import type { TokenLookup } from '../tokens/token-lookup.js';
import type { Endpoint } from './endpoint.types.js';
import { NO_STORE_HEADERS } from './no-store.js';

const JSON_HEADERS = { ...NO_STORE_HEADERS, 'content-type': 'application/json; charset=utf-8' };

/**
 * `POST /intents`: a TPP creates an intent (the UK OB consent it will ask the PSU to authorise) with its
 * client_credentials token, which must carry the kind's scope (`accounts`, `payments`, `fundsconfirmations`);
 * `201` with the intent in AwaitingAuthorisation. The intent id then goes into the authorization request as
 * `openbanking_intent_id`. In a bank, the resource server's consent API does this; obas keeps the minimal store it
 * needs to tie intents to clients and statuses.
 */
export function createIntentCreationEndpoint(intents: IntentRepository, tokens: TokenLookup): Endpoint {
  return async (request) => {
    const token = await clientAccessToken(request, tokens);
    const intentRequest = readIntentRequest(request.json, request.now);
    const needed = INTENT_SCOPES[intentRequest.kind];
    if (!token.scope.split(' ').includes(needed)) {
      throw new OAuthError('insufficient_scope', `Creating a ${intentRequest.kind} intent needs the ${needed} scope`, {
        reason: 'access_token_scope',
        headers: { 'www-authenticate': `Bearer realm="obas", error="insufficient_scope", scope="${needed}"` },
      });
    }
    const intent = {
      intentId: `urn-obas-intent-${randomUUID()}`,
      clientId: token.clientId,
      status: 'AwaitingAuthorisation' as const,
      createdAt: request.now,
      statusUpdatedAt: request.now,
      ...intentRequest,
    };
    await intents.insert(intent);
    return { status: 201, headers: JSON_HEADERS, body: intentView(intent) };
  };
}

/** `GET /intents/{intentId}`: the intent and its status, for the client that created it only (others: 404). */
export function createIntentReadEndpoint(intents: IntentRepository, tokens: TokenLookup): Endpoint {
  return async (request) => {
    const token = await clientAccessToken(request, tokens);
    const intent = await intents.find(request.params?.['intentId'] ?? '');
    if (intent === undefined || intent.clientId !== token.clientId) {
      throw new OAuthError('not_found', 'No such intent', { reason: 'intent_unknown' });
    }
    return { status: 200, headers: JSON_HEADERS, body: intentView(intent) };
  };
}
