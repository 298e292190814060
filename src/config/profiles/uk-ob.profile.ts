import type { ProfileSettings } from '../config.types.js';

/**
 * UK Open Banking (read/write data API security profile, FAPI 1.0 Advanced): `tls_client_auth` with an OBWAC/eIDAS
 * certificate or `private_key_jwt`, no client secrets (FAPI 1.0 Advanced §5.2.2-14). Client assertions may name the
 * issuer or the token endpoint as audience. Failures carry OBExternalStatusReason1Code values; access tokens are
 * certificate-bound and live one hour, the usual lifetime across UK ASPSPs.
 */
export const UK_OB_PROFILE: ProfileSettings = {
  name: 'uk-ob',
  allowedAuthMethods: ['tls_client_auth', 'private_key_jwt'],
  accessTokenFormat: 'opaque',
  accessTokenSigningAlg: 'PS256',
  reasonCodeDialect: 'uk-ob',
  assertionAudience: 'issuer-or-token-endpoint',
  alwaysBindTokens: true,
  lifetimes: { accessToken: 3600, clientAssertionMaxAge: 300 },
};
