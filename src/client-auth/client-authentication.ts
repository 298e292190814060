import type { ClientAuthMethod } from '../protocol/client-auth-methods.js';
import { invalidClient } from '../errors/error-factories.js';
import { OAuthError } from '../errors/oauth-error.js';
import { clientOf } from '../clients/client.js';
import type { Mutable } from '../shared/mutable.js';
import type { ClientRecord, ClientRepository } from '../storage/ports.js';
import type { AuthenticatedClient, ClientAuthenticator, PresentedCredentials } from './client-authenticator.js';
import { BASIC_CHALLENGE } from './basic-challenge.js';
import { extractCredentials, type CredentialSources } from './presented-credentials.js';

const TLS_METHODS: ReadonlySet<ClientAuthMethod> = new Set(['tls_client_auth', 'self_signed_tls_client_auth']);

/** Options of one {@link AuthenticateClient} call. */
export interface ClientAuthenticationOptions {
  /**
   * Try the client's record as this process remembers it first (`ClientRepository.recall`), for mutual-TLS methods only:
   * their check is cheap and spends nothing, so a refusal is then checked again on the stored record. Only for a
   * request that can run again when its token insert finds the client changed (see `AuthenticatedClient.recalledVersion`).
   */
  readonly recall?: boolean;
}

/** Authenticates the client of a request to the token, revocation, introspection or PAR endpoint. */
export type AuthenticateClient = (sources: CredentialSources, now: Date, options?: ClientAuthenticationOptions) => Promise<AuthenticatedClient>;

/**
 * Builds the client authentication step: find the one presented method, load the client, require that the method
 * used is the client's registered `token_endpoint_auth_method` (RFC 7591 §2) and enabled by the profile, then run
 * that method's authenticator (asked to, for mutual TLS, on the remembered record first: see
 * {@link ClientAuthenticationOptions.recall}). Failures after HTTP Basic carry `WWW-Authenticate` (RFC 6749 §5.2).
 */
export function createClientAuthentication(
  clients: ClientRepository,
  authenticators: readonly ClientAuthenticator[],
  allowedMethods: readonly ClientAuthMethod[],
): AuthenticateClient {
  const byMethod = new Map(authenticators.map((authenticator) => [authenticator.method, authenticator]));
  const allowed = new Set(allowedMethods);

  return async (sources, now, options) => {
    const credentials = extractCredentials(sources);
    try {
      const remembered = options?.recall === true && credentials.method === 'tls' ? clients.recall(credentials.clientId) : undefined;
      if (remembered !== undefined) {
        try {
          return await authenticated(credentials, remembered, now, remembered.updatedAt);
        } catch {
          // Refused on the remembered record: the stored one decides.
        }
      }
      return await authenticated(credentials, await clients.find(credentials.clientId), now);
    } catch (error) {
      if (error instanceof OAuthError && error.code === 'invalid_client' && credentials.method === 'client_secret_basic') {
        throw invalidClient(error.description, error.reason ?? 'client_secret_invalid', {
          headers: BASIC_CHALLENGE,
          ...(error.detail === undefined ? {} : { detail: error.detail }),
        });
      }
      throw error;
    }
  };

  async function authenticated(
    credentials: PresentedCredentials,
    record: ClientRecord | undefined,
    now: Date,
    recalledVersion?: Date,
  ): Promise<AuthenticatedClient> {
    if (record === undefined) throw invalidClient('Client authentication failed', 'client_unknown');
    const client = clientOf(record);
    const registered = client.authMethod;
    const used = credentials.method === 'tls' ? (TLS_METHODS.has(registered) ? registered : 'tls_client_auth') : credentials.method;
    if (used !== registered) {
      throw invalidClient(`The client is registered for ${registered}, not ${used}`, 'client_auth_method_mismatch');
    }
    const authenticator = byMethod.get(registered);
    if (!allowed.has(registered) || authenticator === undefined) {
      throw invalidClient(`${registered} is not enabled on this server`, 'client_auth_method_mismatch');
    }
    await authenticator.authenticate(credentials, client, now);
    // Member by member (no spreads): this runs for every authenticated request.
    const authenticatedClient: Mutable<AuthenticatedClient> = { client, method: registered };
    if (credentials.certificate !== undefined) authenticatedClient.certificate = credentials.certificate;
    if (recalledVersion !== undefined) authenticatedClient.recalledVersion = recalledVersion;
    return authenticatedClient;
  }
}
