import type { ProfileSettings } from '../config.types.js';
import { psuFlowLifetimes } from './psu-flow-lifetimes.js';
import { STET_SCOPE_ROLES } from './registration-scopes.js';

/**
 * STET PSD2 API v1.6 part 3 (OAuth2): TPPs authenticate with their eIDAS QWAC over mutual TLS (`tls_client_auth`);
 * `private_key_jwt` is accepted for TPPs that sign with their QSealC key. Failures carry ISO 20022 status reason codes;
 * access tokens are certificate-bound and live one hour. PSU authorization uses `response_type=code` with PKCE; the
 * consent (and its refresh tokens) lasts 180 days (PSD2 RTS Art. 10a); refresh tokens are rotated.
 * Dynamic registration takes RFC 7591 JSON with a software statement, each SSA registering once.
 */
export const STET_PROFILE: ProfileSettings = {
  name: 'stet',
  allowedAuthMethods: ['tls_client_auth', 'private_key_jwt'],
  accessTokenFormat: 'opaque',
  accessTokenSigningAlg: 'PS256',
  reasonCodeDialect: 'stet',
  assertionAudience: 'issuer-or-token-endpoint',
  alwaysBindTokens: true,
  lifetimes: { accessToken: 3600, clientAssertionMaxAge: 300, ...psuFlowLifetimes(180) },
  authorization: {
    responseTypes: ['code'],
    jarm: false,
    codeRequiresJarm: false,
    requirePushedRequests: false,
    requireSignedRequestObject: false,
    idTokenSigningAlg: 'PS256',
  },
  refreshTokens: { rotate: true, graceSeconds: 10 },
  registration: {
    requestFormat: 'json',
    softwareStatement: 'required',
    softwareStatementSingleUse: true,
    managementWithAccessToken: false,
    scopes: STET_SCOPE_ROLES,
  },
  messageSigning: false,
};
