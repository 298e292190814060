/** Token endpoint client authentication methods (RFC 8414 `token_endpoint_auth_methods_supported`). */
export type ClientAuthMethod =
  | 'tls_client_auth'
  | 'self_signed_tls_client_auth'
  | 'private_key_jwt'
  | 'client_secret_basic'
  | 'client_secret_post';

/** Every client authentication method obas implements (RFC 8414 §2, RFC 8705 §2, OpenID Connect Core §9). */
export const CLIENT_AUTH_METHODS: readonly ClientAuthMethod[] = [
  'tls_client_auth',
  'self_signed_tls_client_auth',
  'private_key_jwt',
  'client_secret_basic',
  'client_secret_post',
];
