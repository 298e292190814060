import { clientOf } from '../clients/client.js';
import { requireTrustedCertificate } from '../client-auth/certificate-requirements.js';
import type { EndpointRequest } from '../protocol/endpoint.types.js';
import { invalidClient, invalidToken } from '../errors/error-factories.js';
import type { ClientCertificate } from '../pki/client-certificate.js';
import type { ClientRecord, ClientRepository } from '../storage/ports.js';
import { bearerToken, clientCredentialsToken } from '../tokens/client-credentials-bearer.js';
import { constantTimeEqual, hashToken } from '../tokens/token-hash.js';
import type { TokenLookup } from '../tokens/token-lookup.js';
import { organisationsAgree } from './tpp-entitlements.js';

/** A client configuration request (RFC 7592 §2) that proved it may act on the registration. */
export interface ClientConfigurationAccess {
  readonly client: ClientRecord;
  readonly certificate: ClientCertificate;
  /** The registration access token, when that is what the request presented (responses give it back). */
  readonly registrationAccessToken?: string;
}

/** Authorises a request on `/register/{clientId}`; throws `invalid_token` (401) or `invalid_client` (401). */
export type AuthoriseClientConfiguration = (request: EndpointRequest, clientId: string) => Promise<ClientConfigurationAccess>;

/**
 * Builds the RFC 7592 authorisation: over mutual TLS with a trusted certificate of the organisation that registered
 * the client, a bearer token (RFC 6750 §2.1) that is the client's registration access token (compared by SHA-256 in
 * constant time) or — when `allowAccessTokens` (UK OB DCR) — an active client_credentials access token of that client, bound to the
 * presented certificate if it is bound. Unknown clients, clients from the configuration file and wrong tokens are
 * all the same 401 (RFC 7592 §2.1).
 */
export function createClientConfigurationAccess(
  clients: ClientRepository,
  tokens: TokenLookup,
  allowAccessTokens: boolean,
): AuthoriseClientConfiguration {
  async function isAccessTokenOf(token: string, client: ClientRecord, certificate: ClientCertificate, now: Date): Promise<boolean> {
    const checked = await clientCredentialsToken(tokens, token, certificate.thumbprintS256, now);
    return 'record' in checked && checked.record.clientId === client.clientId;
  }

  return async (request, clientId) => {
    const certificate = requireTrustedCertificate(request.clientCertificate);
    const token = bearerToken(request.headers['authorization']);
    if (token === undefined) throw invalidToken('A registration access token is required (Authorization: Bearer)', 'registration_token_missing', true);
    const refused = () => invalidToken('The registration access token is invalid, or the client does not exist', 'registration_token_invalid');
    const client = await clients.find(clientId);
    if (client === undefined || client.source !== 'dcr') throw refused();
    const tokenHash = hashToken(token);
    const byRegistrationToken = constantTimeEqual(tokenHash, client.registrationAccessTokenHash);
    if (!byRegistrationToken && !(allowAccessTokens && (await isAccessTokenOf(token, client, certificate, request.now)))) throw refused();
    const { orgId } = clientOf(client);
    if (orgId === undefined || !organisationsAgree(orgId, certificate.organizationIdentifier)) {
      throw invalidClient('The client certificate is not of the organisation that registered this client', 'certificate_mismatch');
    }
    return { client, certificate, ...(byRegistrationToken ? { registrationAccessToken: token } : {}) };
  };
}
