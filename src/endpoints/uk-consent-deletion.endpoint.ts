import { withDpopNonce } from '../consent/bearer-access.js';
import type { ConsentLifecycle } from '../consent/consent-lifecycle.js';
import { ownedUkConsent, ukClientToken, type UkConsentRoute } from '../consent/uk/uk-consent-access.js';
import type { ClientTokenAccess } from '../consent/bearer-access.js';
import type { Endpoint } from '../protocol/endpoint.types.js';

/** What {@link createUkConsentDeletionEndpoint} needs. */
export interface UkConsentDeletionDeps {
  readonly consents: ConsentLifecycle;
  /** How the caller's access token is checked (Bearer or DPoP). */
  readonly access: ClientTokenAccess;
}

/**
 * `DELETE {basePath}/{version}/{aisp|cbpii}/{resource}/{ConsentId}`: the TPP withdraws the consent (UK OB account
 * access and funds confirmation consents). It ends Revoked (v4.0 CANC, reason `consent_revoked_by_tpp`) with every
 * grant and token bound to it; 204. Deleting a consent that already ended (rejected, revoked, expired) changes nothing
 * and also answers 204: DELETE is idempotent (RFC 9110 §9.2.2), and the profile asks TPPs to delete expired consents.
 */
export function createUkConsentDeletionEndpoint(route: UkConsentRoute, deps: UkConsentDeletionDeps): Endpoint {
  return async (request) => {
    const token = await ukClientToken(request, deps.access, route.spec);
    request.audit({ clientId: token.clientId });
    const consent = await ownedUkConsent(deps.consents, request, route, token.clientId);
    const revoked = await deps.consents.revoke(consent.consentId, { revoker: 'tpp', clientId: token.clientId }, request.now);
    request.audit({ consentId: consent.consentId, ...(revoked === undefined ? {} : { decision: 'deleted' }) });
    return withDpopNonce({ status: 204, headers: { 'cache-control': 'no-store' } }, token, deps.access, request.now);
  };
}
