import type { ClientAuthMethod } from '../protocol/client-auth-methods.js';
import type { ClientCertificate } from '../pki/client-certificate.js';
import type { Client } from '../clients/client.js';

/** How the request presented its credentials, before we know which client method it must be. */
export type PresentedMethod = 'client_secret_basic' | 'client_secret_post' | 'private_key_jwt' | 'tls';

/** Client credentials found in one request (RFC 6749 §2.3, RFC 7523 §2.2, RFC 8705 §2). */
export interface PresentedCredentials {
  readonly method: PresentedMethod;
  /** The client_id the request claims to be. */
  readonly clientId: string;
  readonly secret?: string;
  readonly assertion?: string;
  readonly certificate?: ClientCertificate;
}

/** One client authentication method (DESIGN.md: one file per method). */
export interface ClientAuthenticator {
  readonly method: ClientAuthMethod;
  /**
   * Proves that the credentials belong to `client`, which is registered for this method: returns (or resolves)
   * nothing, or throws (or rejects with) an `invalid_client` OAuthError. A method whose check needs no I/O (PKI mutual
   * TLS) answers synchronously, with no promise.
   */
  authenticate(credentials: PresentedCredentials, client: Client, now: Date): void | Promise<void>;
}

/** A client that proved its identity, with the method it used. */
export interface AuthenticatedClient {
  readonly client: Client;
  readonly method: ClientAuthMethod;
  readonly certificate?: ClientCertificate;
  /**
   * Present when the client's record was recalled from this process's memory, not read (see `ClientRepository.recall`):
   * that record's `updatedAt`, which the request's access token insert must find unchanged.
   */
  readonly recalledVersion?: Date;
}
