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
  backchannel_denied: {
    uk: uk('U033', 'Authorisation failed'),
    stet: iso('CUST', 'RequestedByCustomer'),
    when: 'The PSU denied the backchannel authentication request, or its consent could no longer be authorised (access_denied)',
  },
} as const satisfies Record<string, ReasonCodes>;
