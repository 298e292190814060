import type { ProfileSettings } from '../config.types.js';
import { psuFlowLifetimes } from './psu-flow-lifetimes.js';
import { UK_SCOPE_ROLES } from './registration-scopes.js';

/**
 * UK Open Banking (read/write data API security profile, FAPI 1.0 Advanced): `tls_client_auth` with an OBWAC/eIDAS
 * certificate or `private_key_jwt`, no client secrets (FAPI 1.0 Advanced §5.2.2-14). Client assertions may name the
 * issuer or the token endpoint as audience. Failures carry OBExternalStatusReason1Code values; access tokens are
 * certificate-bound and live one hour, the usual lifetime across UK ASPSPs. PSU authorization is FAPI 1.0 Advanced
 * §5.2.2: signed request objects only, `code id_token` (ID token as detached signature) or `code` with JARM.
 * Dynamic registration is UK OB DCR v3.3: a JWS signed by the TPP (`application/jose`) carrying the SSA.
 */
export const UK_OB_PROFILE: ProfileSettings = {
  name: 'uk-ob',
  allowedAuthMethods: ['tls_client_auth', 'private_key_jwt'],
  accessTokenFormat: 'opaque',
  accessTokenSigningAlg: 'PS256',
  reasonCodeDialect: 'uk-ob',
  assertionAudience: 'issuer-or-token-endpoint',
  alwaysBindTokens: true,
  lifetimes: { accessToken: 3600, clientAssertionMaxAge: 300, ...psuFlowLifetimes(90) },
  authorization: {
    responseTypes: ['code id_token', 'code'],
    jarm: true,
    codeRequiresJarm: true,
    requirePushedRequests: false,
    requireSignedRequestObject: true,
    idTokenSigningAlg: 'PS256',
  },
  refreshTokens: { rotate: false, graceSeconds: 10 },
  registration: {
    requestFormat: 'jwt',
    softwareStatement: 'required',
    softwareStatementSingleUse: false,
    managementWithAccessToken: true,
    scopes: UK_SCOPE_ROLES,
  },
  messageSigning: true,
};
