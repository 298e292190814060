import { withDpopNonce } from '../consent/bearer-access.js';
import type { ConsentLifecycle } from '../consent/consent-lifecycle.js';
import { ownedUkConsent, ukClientToken, type UkConsentRoute } from '../consent/uk/uk-consent-access.js';
import { requireJsonAccept, ukJsonResponse, type ResponseSigner } from '../consent/uk/uk-consent-http.js';
import { ukConsentView } from '../consent/uk/uk-consent-view.js';
import type { ClientTokenAccess } from '../consent/bearer-access.js';
import type { Endpoint } from '../protocol/endpoint.types.js';

/** What {@link createUkConsentReadEndpoint} needs. */
export interface UkConsentReadDeps {
  readonly consents: ConsentLifecycle;
  /** How the caller's access token is checked (Bearer or DPoP). */
  readonly access: ClientTokenAccess;
  /** Present on payment consent routes when message signing is on. */
  readonly signing?: ResponseSigner;
}

/**
 * `GET {basePath}/{version}/{group}/{resource}/{ConsentId}`: the consent in the release's shape, with its current
 * status, for the client that created it (another client's → 403, unknown → 400 U011); 200.
 */
export function createUkConsentReadEndpoint(route: UkConsentRoute, deps: UkConsentReadDeps): Endpoint {
  return async (request) => {
    const token = await ukClientToken(request, deps.access, route.spec);
    request.audit({ clientId: token.clientId });
    requireJsonAccept(request);
    const consent = await ownedUkConsent(deps.consents, request, route, token.clientId);
    request.audit({ consentId: consent.consentId });
    const view = ukConsentView(consent, route.version, route.spec, `${route.collectionUrl}/${consent.consentId}`);
    return withDpopNonce(ukJsonResponse(200, view, deps.signing, request.now), token, deps.access, request.now);
  };
}
