import { hashSecret } from '../client-auth/secret-hash.js';
import type { ClientMetadata, ClientRecord } from '../storage/ports.js';
import { randomHandle } from '../tokens/token-hash.js';

const SECRET_METHODS: readonly unknown[] = ['client_secret_basic', 'client_secret_post'];

/** The secret of a registration: its scrypt hash to store and, when new, the clear value to return once. */
export interface RegistrationSecret {
  readonly secretHash?: string;
  readonly clientSecret?: string;
}

/**
 * A `client_secret_*` client gets a 256-bit secret (RFC 7591 §3.2.1 `client_secret`, never expiring), stored as an
 * scrypt hash; an update keeps the secret it already has. Other methods have none.
 */
export async function registrationSecret(metadata: ClientMetadata, previous?: ClientRecord): Promise<RegistrationSecret> {
  if (!SECRET_METHODS.includes(metadata['token_endpoint_auth_method'])) return {};
  if (previous?.secretHash !== undefined && SECRET_METHODS.includes(previous.metadata['token_endpoint_auth_method'])) {
    return { secretHash: previous.secretHash };
  }
  const clientSecret = randomHandle(32);
  return { secretHash: await hashSecret(clientSecret), clientSecret };
}
