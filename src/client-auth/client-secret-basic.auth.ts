import type { ClientAuthenticator } from './client-authenticator.js';
import { verifyClientSecret } from './client-secret.js';

/** `client_secret_basic` (RFC 6749 §2.3.1, HTTP Basic). Off in the FAPI profiles unless enabled. */
export const clientSecretBasicAuthenticator: ClientAuthenticator = {
  method: 'client_secret_basic',
  authenticate: (credentials, client) => verifyClientSecret(credentials, client),
};
