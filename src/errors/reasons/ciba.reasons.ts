import { iso, type ReasonCodes, uk } from './reason-codes.js';

/** The CIBA grant's answers to a token request (OpenID CIBA Core 1.0 §11) about a backchannel authentication request. */
export const CIBA_REASONS = {
  auth_req_id_invalid: {
    uk: uk('U028', 'UK.OBIE.Reauthenticate'),
    stet: iso('TK01', 'TokenInvalid'),
    when: 'The auth_req_id is unknown, or was issued to another client (CIBA Core section 11 invalid_grant)',
  },
  auth_req_id_used: {
    uk: uk('U028', 'UK.OBIE.Reauthenticate'),
    stet: iso('TKSG', 'TokenSingleUse'),
    when: 'Tokens were already issued for this auth_req_id; it is no longer valid',
  },
  backchannel_pending: {
    uk: uk('U036', 'Authorisation not completed'),
    stet: iso('NOAS', 'NoAnswerFromCustomer'),
    when: 'The PSU has not approved or denied the backchannel authentication request yet (authorization_pending)',
  },
  backchannel_slow_down: {
    uk: uk('U014', 'UK.OBIE.Rules.FailsControlParameters'),
    stet: iso('NOAS', 'NoAnswerFromCustomer'),
    when: 'The client polled sooner than the interval allows; the interval is now 5 seconds longer (slow_down)',
  },
  backchannel_expired: {
    uk: uk('U036', 'Authorisation not completed'),
    stet: iso('DS24', 'WaitingTimeExpired'),
    when: 'The backchannel authentication request expired before tokens were issued (expired_token)',
  },
  backchannel_request_unsigned: {
    uk: uk('U018', 'UK.OBIE.Signature.Malformed'),
    stet: iso('DS0B', 'UnknownDataSignFormat'),
    when: 'The backchannel authentication request is not a signed request object in the request parameter (FAPI-CIBA section 5.2.2)',
  },
  backchannel_request_malformed: {
    uk: uk('U018', 'UK.OBIE.Signature.Malformed'),
    stet: iso('DS0B', 'UnknownDataSignFormat'),
    when: 'The signed authentication request is not a PS256/ES256 JWS, or not with the registered backchannel_authentication_request_signing_alg',
  },
  backchannel_request_signature_invalid: {
    uk: uk('U015', 'UK.OBIE.Signature.Invalid'),
    stet: iso('DS0B', 'UnknownDataSignFormat'),
    when: 'The signed authentication request does not verify with a key of the client',
  },
  backchannel_request_expired: {
    uk: uk('U016', 'UK.OBIE.Signature.InvalidClaim'),
    stet: iso('TKXP', 'TokenExpired'),
    when: 'The signed authentication request has expired, is not valid yet, or its exp/nbf window breaks the 60 minute rule',
  },
  backchannel_request_claim_invalid: {
    uk: uk('U016', 'UK.OBIE.Signature.InvalidClaim'),
    stet: iso('CH16', 'ElementContentFormallyIncorrect'),
    when: 'A claim of the signed authentication request is missing or wrong (iss, aud, exp, nbf, iat, jti)',
  },
  backchannel_request_replayed: {
    uk: uk('U016', 'UK.OBIE.Signature.InvalidClaim'),
    stet: iso('TKSG', 'TokenSingleUse'),
    when: 'The jti of the signed authentication request was already used',
  },
  backchannel_hint_invalid: {
    uk: uk('U014', 'UK.OBIE.Rules.FailsControlParameters'),
    stet: iso('CH16', 'ElementContentFormallyIncorrect'),
    when: 'Not exactly one of login_hint and id_token_hint, login_hint_token (not supported), or an id_token_hint obas did not issue',
  },
  backchannel_unknown_user: {
    uk: uk('U028', 'UK.OBIE.Reauthenticate'),
    stet: iso('NOAS', 'NoAnswerFromCustomer'),
    when: 'The hint names no sandbox PSU (unknown_user_id)',
  },
  backchannel_binding_message_invalid: {
    uk: uk('U014', 'UK.OBIE.Rules.FailsControlParameters'),
    stet: iso('CH16', 'ElementContentFormallyIncorrect'),
    when: 'The binding_message is longer than 128 characters or has control characters (invalid_binding_message)',
  },
  backchannel_denied: {
    uk: uk('U033', 'Authorisation failed'),
    stet: iso('CUST', 'RequestedByCustomer'),
    when: 'The PSU denied the backchannel authentication request, or its consent could no longer be authorised (access_denied)',
  },
} as const satisfies Record<string, ReasonCodes>;
