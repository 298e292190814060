import type { ConsentLifecycle } from '../consent/consent-lifecycle.js';
import type { IdentifyResourceServer } from '../consent/resource-servers.js';
import { invalidClient } from '../errors/error-factories.js';
import { OAuthError } from '../errors/oauth-error.js';
import type { Endpoint } from '../protocol/endpoint.types.js';
import { NO_STORE_HEADERS } from '../protocol/no-store.js';

const PAYMENT_KINDS: ReadonlySet<string> = new Set(['domestic-payment', 'domestic-scheduled-payment', 'domestic-standing-order']);

/**
 * `POST /resource-server/consents/{consentId}/consume`: a configured resource server (recognised by its mTLS
 * certificate) records that a payment consent was used to submit its payment. Authorised → Consumed, once; the
 * consent then mints no new tokens. Answers the consent's id and new status.
 */
export function createConsentConsumptionEndpoint(identifyResourceServer: IdentifyResourceServer, consents: ConsentLifecycle): Endpoint {
  return async (request) => {
    const server = identifyResourceServer(request.clientCertificate);
    if (server === undefined) throw invalidClient('Only a configured resource server may consume a consent', 'certificate_mismatch');
    request.audit({ clientId: server.id });
    const consentId = request.params?.['consentId'] ?? '';
    const consent = await consents.find(consentId);
    if (consent === undefined) throw new OAuthError('not_found', 'No consent with this id', { reason: 'consent_unknown' });
    request.audit({ consentId, ...(consent.subject === undefined ? {} : { subject: consent.subject }) });
    if (!PAYMENT_KINDS.has(consent.kind)) {
      throw new OAuthError('invalid_request', 'Only payment consents are consumed', { reason: 'consent_status_invalid' });
    }
    const consumed = await consents.consume(consentId, request.now);
    if (consumed === undefined) {
      throw new OAuthError('invalid_request', `The consent is ${consent.status}, not Authorised`, { reason: 'consent_status_invalid' });
    }
    request.audit({ decision: 'consumed' });
    return { status: 200, headers: NO_STORE_HEADERS, body: { consent_id: consumed.consentId, status: consumed.status } };
  };
}
