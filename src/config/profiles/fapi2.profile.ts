import type { ProfileSettings } from '../config.types.js';
import { psuFlowLifetimes } from './psu-flow-lifetimes.js';
import { UK_SCOPE_ROLES } from './registration-scopes.js';

/**
 * FAPI 2.0 Security Profile defaults (§5.3.2, client authentication): clients authenticate with MTLS (RFC 8705 §2,
 * both variants) or `private_key_jwt`, and use the issuer identifier as client-assertion audience. Access tokens are
 * sender-constrained (here by RFC 8705 certificate binding). Errors carry no open banking reason code.
 * PSU authorization: PAR only (§5.3.1.2), `response_type=code` with `iss` (RFC 9207), JARM offered; refresh tokens
 * are not rotated (§5.3.2.1 discourages it; when rotation is switched on, the grace window meets its clause 10).
 * Dynamic registration takes RFC 7591 JSON with an optional software statement.
 */
export const FAPI2_PROFILE: ProfileSettings = {
  name: 'fapi2',
  allowedAuthMethods: ['tls_client_auth', 'self_signed_tls_client_auth', 'private_key_jwt'],
  accessTokenFormat: 'opaque',
  accessTokenSigningAlg: 'PS256',
  reasonCodeDialect: 'none',
  assertionAudience: 'issuer',
  alwaysBindTokens: true,
  lifetimes: { accessToken: 300, clientAssertionMaxAge: 300, ...psuFlowLifetimes(90) },
  authorization: {
    responseTypes: ['code'],
    jarm: true,
    codeRequiresJarm: false,
    requirePushedRequests: true,
    requireSignedRequestObject: false,
    idTokenSigningAlg: 'PS256',
  },
  refreshTokens: { rotate: false, graceSeconds: 10 },
  registration: {
    requestFormat: 'json',
    softwareStatement: 'optional',
    softwareStatementSingleUse: false,
    managementWithAccessToken: false,
    scopes: UK_SCOPE_ROLES,
  },
  messageSigning: false,
};
