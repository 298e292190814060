import type { ClientAuthMethod, SigningAlg } from './config.types.js';

/** Every client authentication method obas implements (RFC 8414 §2, RFC 8705 §2, OpenID Connect Core §9). */
export const CLIENT_AUTH_METHODS: readonly ClientAuthMethod[] = [
  'tls_client_auth',
  'self_signed_tls_client_auth',
  'private_key_jwt',
  'client_secret_basic',
  'client_secret_post',
];

/** JWS algorithms obas signs with and accepts: the RSA and EC ones FAPI 2.0 Security Profile §5.4 allows. */
export const SIGNING_ALGS: readonly SigningAlg[] = ['PS256', 'ES256'];
