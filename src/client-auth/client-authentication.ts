import type { ClientAuthMethod } from '../protocol/client-auth-methods.js';
import { invalidClient } from '../errors/error-factories.js';
import { OAuthError } from '../errors/oauth-error.js';
import { clientOf, type Client } from '../clients/client.js';
import type { ClientCertificate } from '../pki/client-certificate.js';
import type { Mutable } from '../shared/mutable.js';
import type { ClientRecord, ClientRepository } from '../storage/ports.js';
import type { AuthenticatedClient, ClientAuthenticator, PresentedCredentials } from './client-authenticator.js';
import { BASIC_CHALLENGE } from './basic-challenge.js';
import { extractCredentials, type CredentialSources } from './presented-credentials.js';
import { recovering } from '../shared/recovering.js';

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

/**
 * Authenticates the client of a request to the token, revocation, introspection or PAR endpoint. Answers at once, with
 * no promise, when the method's check needs no I/O and the client's record is remembered (`options.recall`); a
 * refusal is then thrown, else it rejects.
 */
export type AuthenticateClient = (
  sources: CredentialSources,
  now: Date,
  options?: ClientAuthenticationOptions,
) => AuthenticatedClient | Promise<AuthenticatedClient>;

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

  return (sources, now, options) => {
    const credentials = extractCredentials(sources);
    const remembered = options?.recall === true && credentials.method === 'tls' ? clients.recall(credentials.clientId) : undefined;
    if (remembered !== undefined) {
      // Refused on the remembered record: the stored one decides.
      return recovering(
        () => authenticated(credentials, remembered, now, remembered.updatedAt),
        () => fromStore(credentials, now),
      );
    }
    const stored = fromStore(credentials, now);
    return credentials.method === 'client_secret_basic' ? stored.catch(withBasicChallenge) : stored;
  };

  function fromStore(credentials: PresentedCredentials, now: Date): Promise<AuthenticatedClient> {
    return clients.find(credentials.clientId).then((record) => authenticated(credentials, record, now));
  }

  /** Synchronous when the method's check is (see ClientAuthenticator.authenticate). */
  function authenticated(
    credentials: PresentedCredentials,
    record: ClientRecord | undefined,
    now: Date,
    recalledVersion?: Date,
  ): AuthenticatedClient | Promise<AuthenticatedClient> {
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
    const proven = authenticator.authenticate(credentials, client, now);
    if (proven instanceof Promise) return proven.then(() => authenticatedClient(client, registered, credentials.certificate, recalledVersion));
    return authenticatedClient(client, registered, credentials.certificate, recalledVersion);
  }
}

/** The authenticated client, built member by member (no spreads): this runs for every authenticated request. */
function authenticatedClient(client: Client, method: ClientAuthMethod, certificate?: ClientCertificate, recalledVersion?: Date): AuthenticatedClient {
  const result: Mutable<AuthenticatedClient> = { client, method };
  if (certificate !== undefined) result.certificate = certificate;
  if (recalledVersion !== undefined) result.recalledVersion = recalledVersion;
  return result;
}

/** A refusal after HTTP Basic, with the `WWW-Authenticate` challenge it must carry (RFC 6749 §5.2). */
function withBasicChallenge(error: unknown): never {
  if (error instanceof OAuthError && error.code === 'invalid_client') {
    throw invalidClient(error.description, error.reason ?? 'client_secret_invalid', {
      headers: BASIC_CHALLENGE,
      ...(error.detail === undefined ? {} : { detail: error.detail }),
    });
  }
  throw error;
}
