import type { ProfileSettings } from '../config.types.js';

/**
 * STET PSD2 API v1.6 part 3 (OAuth2): TPPs authenticate with their eIDAS QWAC over mutual TLS (`tls_client_auth`);
 * `private_key_jwt` is accepted for TPPs that sign with their QSealC key. Failures carry ISO 20022 status reason codes;
 * access tokens are certificate-bound and live one hour.
 */
export const STET_PROFILE: ProfileSettings = {
  name: 'stet',
  allowedAuthMethods: ['tls_client_auth', 'private_key_jwt'],
  accessTokenFormat: 'opaque',
  accessTokenSigningAlg: 'PS256',
  reasonCodeDialect: 'stet',
  assertionAudience: 'issuer-or-token-endpoint',
  alwaysBindTokens: true,
  lifetimes: { accessToken: 3600, clientAssertionMaxAge: 300 },
};
