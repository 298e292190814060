import type { EndpointResponse } from '../protocol/endpoint.types.js';
import { NO_STORE_HEADERS } from '../protocol/no-store.js';
import type { ClientRecord } from '../storage/ports.js';

/** Credentials issued or presented in this exchange, which the response carries in clear this once. */
export interface ExchangeCredentials {
  readonly registrationAccessToken?: string;
  readonly clientSecret?: string;
}

/**
 * The client information response (RFC 7591 §3.2.1, RFC 7592 §3): `client_id`, `client_id_issued_at`, the registered
 * metadata, `registration_client_uri`, and the registration access token / client secret when this exchange has them
 * in clear (they are stored only as hashes). Never cached (`Cache-Control: no-store`).
 */
export function clientInformationResponse(
  client: ClientRecord,
  registrationClientUri: string,
  credentials: ExchangeCredentials,
  status: 200 | 201,
): EndpointResponse {
  const { client_id: _id, ...metadata } = client.metadata;
  const body = {
    client_id: client.clientId,
    client_id_issued_at: Math.floor(client.createdAt.getTime() / 1000),
    ...metadata,
    ...(credentials.clientSecret === undefined ? {} : { client_secret: credentials.clientSecret, client_secret_expires_at: 0 }),
    registration_client_uri: registrationClientUri,
    ...(credentials.registrationAccessToken === undefined ? {} : { registration_access_token: credentials.registrationAccessToken }),
  };
  return { status, headers: NO_STORE_HEADERS, body };
}
