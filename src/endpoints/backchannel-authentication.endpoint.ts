import type { AuthenticateClient } from '../client-auth/client-authentication.js';
import { readBackchannelRequest, type BackchannelRequestReader } from '../authorization/backchannel-request.js';
import { startBackchannelRequest, type BackchannelRequestSettings } from '../authorization/ciba-lifecycle.js';
import { CIBA_GRANT_TYPE } from '../clients/backchannel-settings.js';
import { unauthorizedClient } from '../errors/error-factories.js';
import type { Endpoint } from '../protocol/endpoint.types.js';
import { NO_STORE_HEADERS } from '../protocol/no-store.js';
import { requireForm } from '../protocol/require-form.js';
import type { BackchannelRequestRepository } from '../storage/ports.js';

/** What the backchannel authentication endpoint needs beyond client authentication. */
export interface BackchannelEndpointContext {
  readonly reader: BackchannelRequestReader;
  readonly requests: Pick<BackchannelRequestRepository, 'insert'>;
  readonly settings: BackchannelRequestSettings;
}

/**
 * The backchannel authentication endpoint (OpenID CIBA Core 1.0 §7) on the mutual-TLS listener: the client
 * authenticates as at the token endpoint (§7.1) and must have registered the CIBA grant (`unauthorized_client`, §13);
 * the signed request is read ({@link readBackchannelRequest}), stored pending, and acknowledged with 200
 * `{auth_req_id, expires_in, interval}` (§7.3). Errors are JSON (§13).
 */
export function createBackchannelAuthenticationEndpoint(authenticateClient: AuthenticateClient, context: BackchannelEndpointContext): Endpoint {
  return async (request) => {
    const form = requireForm(request);
    const { client } = await authenticateClient({ form, authorization: request.headers['authorization'], certificate: request.clientCertificate }, request.now);
    request.audit({ clientId: client.clientId });
    if (!client.grantTypes.has(CIBA_GRANT_TYPE)) throw unauthorizedClient(`The client is not registered for the ${CIBA_GRANT_TYPE} grant`);
    const draft = await readBackchannelRequest(form, client, context.reader, request.now);
    const acknowledgement = await startBackchannelRequest(context.requests, draft, context.settings, request.now);
    request.audit({ subject: draft.subject, ...(draft.intentId === undefined ? {} : { consentId: draft.intentId }) });
    return { status: 200, headers: { ...NO_STORE_HEADERS, 'content-type': 'application/json; charset=utf-8' }, body: acknowledgement };
  };
}
