import { withDpopNonce } from '../consent/bearer-access.js';
import { clientOf } from '../clients/client.js';
import type { ConsentLifecycle } from '../consent/consent-lifecycle.js';
import type { MessageSigning } from '../consent/uk/message-signing.js';
import { ukClientToken, type UkConsentRoute } from '../consent/uk/uk-consent-access.js';
import { requireJsonAccept, requireJsonBody, ukJsonResponse } from '../consent/uk/uk-consent-http.js';
import { readUkConsentRequest } from '../consent/uk/uk-consent-request.js';
import { ukConsentView } from '../consent/uk/uk-consent-view.js';
import { canonicalJson, readIdempotencyKey } from '../consent/uk/uk-idempotency.js';
import { invalidToken } from '../errors/error-factories.js';
import type { ClientRepository } from '../storage/ports.js';
import type { ClientTokenAccess } from '../consent/bearer-access.js';
import type { Endpoint } from '../protocol/endpoint.types.js';

/** What {@link createUkConsentCreationEndpoint} needs. */
export interface UkConsentCreationDeps {
  readonly consents: ConsentLifecycle;
  /** How the caller's access token is checked (Bearer or DPoP). */
  readonly access: ClientTokenAccess;
  readonly clients: Pick<ClientRepository, 'find'>;
  /** Present on payment consent routes when message signing is on: requests are verified, responses signed. */
  readonly signing?: MessageSigning;
}

/**
 * `POST {basePath}/{version}/{group}/{resource}` (UK OB read/write API v3.1.11 / v4.0 consent resources): the client's
 * token with the resource's scope; `Accept` allowing JSON (406) and an `application/json` body (415); on payment
 * consents with message signing on, the body's `x-jws-signature`; on payment consents an `x-idempotency-key` — the same
 * key and body (canonical JSON) within the window answer the consent created first, 201 again (profile,
 * "Idempotency"); the body checked against the release's schema and rules (400 with `Errors[]`). Answers 201 with the
 * consent AwaitingAuthorisation / AWAU.
 */
export function createUkConsentCreationEndpoint(route: UkConsentRoute, deps: UkConsentCreationDeps): Endpoint {
  return async (request) => {
    const token = await ukClientToken(request, deps.access, route.spec);
    request.audit({ clientId: token.clientId });
    requireJsonAccept(request);
    const body = requireJsonBody(request);
    if (deps.signing !== undefined) {
      const record = await deps.clients.find(token.clientId);
      if (record === undefined) throw invalidToken('The access token is not an active client_credentials token', 'access_token_invalid');
      await deps.signing.verify(request.headers['x-jws-signature'], body.raw, clientOf(record), request.now);
    }
    const idempotencyKey = route.spec.payment ? readIdempotencyKey(request.headers) : undefined;
    const consentRequest = readUkConsentRequest(route.spec.resource, route.version, body.json, request.now);
    const { consent, replayed } = await deps.consents.create(
      {
        clientId: token.clientId,
        apiVersion: route.version,
        ...consentRequest,
        ...(idempotencyKey === undefined ? {} : { idempotency: { key: idempotencyKey, body: canonicalJson(body.json) } }),
      },
      request.now,
    );
    request.audit({ consentId: consent.consentId, ...(replayed ? {} : { decision: 'created' }) });
    const view = ukConsentView(consent, route.version, route.spec, `${route.collectionUrl}/${consent.consentId}`);
    return withDpopNonce(ukJsonResponse(201, view, deps.signing, request.now), token, deps.access, request.now);
  };
}
