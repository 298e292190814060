import { OAuthError, type OAuthErrorOptions } from './oauth-error.js';
import type { ReasonKey } from './reason-catalogue.js';

type Extra = Omit<OAuthErrorOptions, 'reason'>;

/** `invalid_request` (RFC 6749 §5.2). */
export const invalidRequest = (description: string, reason: ReasonKey = 'parameter_invalid', extra: Extra = {}) =>
  new OAuthError('invalid_request', description, { ...extra, reason });

/** `invalid_client` (RFC 6749 §5.2), HTTP 401. */
export const invalidClient = (description: string, reason: ReasonKey, extra: Extra = {}) =>
  new OAuthError('invalid_client', description, { ...extra, reason });

/** `invalid_scope` (RFC 6749 §5.2). */
export const invalidScope = (description: string, extra: Extra = {}) =>
  new OAuthError('invalid_scope', description, { ...extra, reason: 'scope_not_allowed' });

/** `unauthorized_client` (RFC 6749 §5.2; RFC 7009 §2.1 for another client's token). */
export const unauthorizedClient = (description: string, reason: ReasonKey = 'grant_type_not_allowed', extra: Extra = {}) =>
  new OAuthError('unauthorized_client', description, { ...extra, reason });

/** `unsupported_grant_type` (RFC 6749 §5.2). */
export const unsupportedGrantType = (description: string) =>
  new OAuthError('unsupported_grant_type', description, { reason: 'grant_type_unsupported' });

/**
 * `invalid_token` (RFC 6750 §3.1), HTTP 401 with a `WWW-Authenticate: Bearer` challenge. A request that sent no token
 * (`missing`) gets the bare challenge: RFC 6750 §3.1 wants no error code when no credentials were sent.
 */
export const invalidToken = (description: string, reason: ReasonKey, missing = false) =>
  new OAuthError('invalid_token', description, {
    reason,
    headers: { 'www-authenticate': missing ? 'Bearer realm="obas"' : 'Bearer realm="obas", error="invalid_token"' },
  });

/** A missing required parameter. */
export const missingParameter = (name: string) =>
  invalidRequest(`The ${name} parameter is required`, 'parameter_missing');


/** `invalid_grant` (RFC 6749 §5.2): the code or refresh token is invalid, expired, revoked or not the client's. */
export const invalidGrant = (description: string, reason: ReasonKey, extra: Extra = {}) =>
  new OAuthError('invalid_grant', description, { ...extra, reason });

/**
 * `temporarily_unavailable` (RFC 6749 §4.1.2.1) with a `Retry-After` in whole seconds (RFC 9110 §10.2.3): 503 when obas
 * cannot serve now (its database is unavailable), 429 (RFC 6585 §4) when the caller exceeded a rate limit.
 */
export const temporarilyUnavailable = (
  description: string,
  reason: ReasonKey,
  retryAfterSeconds: number,
  status: 503 | 429 = 503,
  extra: Omit<Extra, 'status'> = {},
) =>
  new OAuthError('temporarily_unavailable', description, {
    ...extra,
    reason,
    status,
    headers: { ...extra.headers, 'retry-after': String(Math.max(1, Math.ceil(retryAfterSeconds))) },
  });

/**
 * `invalid_dpop_proof` (RFC 9449 §5, §7.1): the DPoP proof is missing, malformed or breaks a rule of §4.3. HTTP 400 as
 * the token and PAR endpoints answer; a resource server turns it into a 401 DPoP challenge.
 */
export const invalidDpopProof = (description: string, reason: ReasonKey, extra: Extra = {}) =>
  new OAuthError('invalid_dpop_proof', description, { ...extra, reason });

/**
 * `use_dpop_nonce` (RFC 9449 §8, §9): the proof lacks the server-provided nonce or carries a stale one; `nonce` goes
 * back in the `DPoP-Nonce` header for the client's retry. HTTP 400 (token, PAR); a resource server answers 401.
 */
export const useDpopNonce = (description: string, reason: ReasonKey, nonce: string, extra: Extra = {}) =>
  new OAuthError('use_dpop_nonce', description, { ...extra, reason, headers: { ...extra.headers, 'dpop-nonce': nonce } });
