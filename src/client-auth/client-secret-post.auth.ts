import type { ClientAuthenticator } from './client-authenticator.js';
import { verifyClientSecret } from './client-secret.js';

/** `client_secret_post` (RFC 6749 §2.3.1, credentials in the form body). Off in the FAPI profiles unless enabled. */
export const clientSecretPostAuthenticator: ClientAuthenticator = {
  method: 'client_secret_post',
  authenticate: (credentials, client) => verifyClientSecret(credentials, client),
};
