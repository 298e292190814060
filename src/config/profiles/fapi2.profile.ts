import type { ProfileSettings } from '../config.types.js';

/**
 * FAPI 2.0 Security Profile defaults (§5.3.2, client authentication): clients authenticate with MTLS (RFC 8705 §2,
 * both variants) or `private_key_jwt`, and use the issuer identifier as client-assertion audience. Access tokens are
 * sender-constrained (here by RFC 8705 certificate binding). Errors carry no open banking reason code.
 */
export const FAPI2_PROFILE: ProfileSettings = {
  name: 'fapi2',
  allowedAuthMethods: ['tls_client_auth', 'self_signed_tls_client_auth', 'private_key_jwt'],
  accessTokenFormat: 'opaque',
  accessTokenSigningAlg: 'PS256',
  reasonCodeDialect: 'none',
  assertionAudience: 'issuer',
  alwaysBindTokens: true,
  lifetimes: { accessToken: 300, clientAssertionMaxAge: 300 },
};
