import { invalidClient } from '../errors/error-factories.js';
import type { Client } from '../clients/client.js';
import type { PresentedCredentials } from './client-authenticator.js';
import { verifySecret } from './secret-hash.js';

/** Checks a presented client secret (RFC 6749 §2.3.1) against the client's stored scrypt hash. */
export async function verifyClientSecret(credentials: PresentedCredentials, client: Client): Promise<void> {
  const valid =
    credentials.secret !== undefined &&
    client.record.secretHash !== undefined &&
    (await verifySecret(credentials.secret, client.record.secretHash));
  if (!valid) throw invalidClient('Client authentication failed', 'client_secret_invalid');
}
