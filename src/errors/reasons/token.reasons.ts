import { iso, type ReasonCodes, uk } from './reason-codes.js';

/** The code and refresh grants, and bearer access tokens presented to obas. */
export const TOKEN_REASONS = {
  code_invalid: {
    uk: uk('U028', 'UK.OBIE.Reauthenticate'),
    stet: iso('TK01', 'TokenInvalid'),
    when: 'The authorization code is unknown, or was issued to another client',
  },
  code_expired: {
    uk: uk('U028', 'UK.OBIE.Reauthenticate'),
    stet: iso('TKXP', 'TokenExpired'),
    when: 'The authorization code has expired',
  },
  code_replayed: {
    uk: uk('U028', 'UK.OBIE.Reauthenticate'),
    stet: iso('TKSG', 'TokenSingleUse'),
    when: 'The authorization code was already used; every token issued from it is revoked (RFC 6749 section 4.1.2)',
  },
  redirect_uri_mismatch: {
    uk: uk('U002', 'UK.OBIE.Field.Invalid'),
    stet: iso('CH16', 'ElementContentFormallyIncorrect'),
    when: 'The token request redirect_uri differs from the one of the authorization request',
  },
  pkce_verifier_mismatch: {
    uk: uk('U002', 'UK.OBIE.Field.Invalid'),
    stet: iso('CH16', 'ElementContentFormallyIncorrect'),
    when: 'The code_verifier does not match the code_challenge (RFC 7636 section 4.6)',
  },
  grant_revoked: {
    uk: uk('U028', 'UK.OBIE.Reauthenticate'),
    stet: iso('CN01', 'AuthorisationCancelled'),
    when: 'The PSU authorization behind the code or refresh token was revoked or has expired',
  },
  refresh_token_invalid: {
    uk: uk('U028', 'UK.OBIE.Reauthenticate'),
    stet: iso('TK01', 'TokenInvalid'),
    when: 'The refresh token is unknown, revoked, or was issued to another client',
  },
  refresh_token_expired: {
    uk: uk('U028', 'UK.OBIE.Reauthenticate'),
    stet: iso('TKXP', 'TokenExpired'),
    when: 'The refresh token has expired (it never outlives the consent)',
  },
  refresh_token_reused: {
    uk: uk('U028', 'UK.OBIE.Reauthenticate'),
    stet: iso('TKSG', 'TokenSingleUse'),
    when: 'A rotated refresh token was used again after its grace window; the whole grant is revoked',
  },
  refresh_certificate_mismatch: {
    uk: uk('U015', 'UK.OBIE.Signature.Invalid'),
    stet: iso('DS0E', 'IncorrectSignerCertificate'),
    when: 'The refresh token is bound to another client certificate than the one presented',
  },
  scope_widened: {
    uk: uk('U002', 'UK.OBIE.Field.Invalid'),
    stet: iso('AG08', 'InvalidAccessRights'),
    when: 'A refresh asked for scope beyond what the PSU granted (RFC 6749 section 6)',
  },
  access_token_missing: {
    uk: uk('U007', 'UK.OBIE.Header.Missing'),
    stet: iso('TK09', 'TokenMissing'),
    when: 'A consent API request has no bearer access token',
  },
  access_token_invalid: {
    uk: uk('U006', 'UK.OBIE.Header.Invalid'),
    stet: iso('TK01', 'TokenInvalid'),
    when: 'The bearer access token is unknown, expired, revoked, or bound to another certificate',
  },
  access_token_scope: {
    uk: uk('U002', 'UK.OBIE.Field.Invalid'),
    stet: iso('AG08', 'InvalidAccessRights'),
    when: 'The bearer access token lacks the scope the consent resource needs (accounts, payments, fundsconfirmations)',
  },
} as const satisfies Record<string, ReasonCodes>;
