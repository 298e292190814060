import { iso, type ReasonCodes, uk } from './reason-codes.js';

/** PSU authorization: request objects, PAR, PKCE, staged consents, the PSU pages. */
export const AUTHORIZATION_REASONS = {
  request_object_malformed: {
    uk: uk('U018', 'UK.OBIE.Signature.Malformed'),
    stet: iso('DS0B', 'UnknownDataSignFormat'),
    when: 'The request object is not a well-formed JWS, is unsigned, or uses an algorithm other than PS256 or ES256',
  },
  request_object_signature_invalid: {
    uk: uk('U015', 'UK.OBIE.Signature.Invalid'),
    stet: iso('DS0B', 'UnknownDataSignFormat'),
    when: 'The request object signature does not verify with a key of the client',
  },
  request_object_claim_invalid: {
    uk: uk('U016', 'UK.OBIE.Signature.InvalidClaim'),
    stet: iso('CH16', 'ElementContentFormallyIncorrect'),
    when: 'A claim of the request object (iss, aud, client_id, request, request_uri) is wrong or not allowed',
  },
  request_object_claim_missing: {
    uk: uk('U017', 'UK.OBIE.Signature.MissingClaim'),
    stet: iso('CH21', 'RequiredCompulsoryElementMissing'),
    when: 'A required claim of the request object (iss, aud, exp, nbf) is missing',
  },
  request_object_expired: {
    uk: uk('U016', 'UK.OBIE.Signature.InvalidClaim'),
    stet: iso('TKXP', 'TokenExpired'),
    when: 'The request object has expired, is not yet valid, has an nbf older than 60 minutes, or lives longer than 60 minutes',
  },
  request_object_required: {
    uk: uk('U004', 'UK.OBIE.Field.Missing'),
    stet: iso('CH21', 'RequiredCompulsoryElementMissing'),
    when: 'The profile accepts only signed request objects (FAPI 1.0 Advanced) and the authorization request has none',
  },
  par_required: {
    uk: uk('U004', 'UK.OBIE.Field.Missing'),
    stet: iso('CH21', 'RequiredCompulsoryElementMissing'),
    when: 'The profile accepts only pushed authorization requests (FAPI 2.0) and the authorization request has no request_uri',
  },
  request_uri_invalid: {
    uk: uk('U011', 'UK.OBIE.Resource.NotFound'),
    stet: iso('TK01', 'TokenInvalid'),
    when: 'The request_uri is unknown, expired, already used, or was pushed by another client',
  },
  redirect_uri_unregistered: {
    uk: uk('U002', 'UK.OBIE.Field.Invalid'),
    stet: iso('CH16', 'ElementContentFormallyIncorrect'),
    when: 'The authorization request redirect_uri is missing or not exactly one the client registered (error page, no redirect)',
  },
  response_type_unsupported: {
    uk: uk('U002', 'UK.OBIE.Field.Invalid'),
    stet: iso('AG03', 'TransactionNotSupported'),
    when: 'The response_type or response_mode is not offered by the profile or not registered for the client',
  },
  pkce_missing: {
    uk: uk('U004', 'UK.OBIE.Field.Missing'),
    stet: iso('CH21', 'RequiredCompulsoryElementMissing'),
    when: 'code_challenge is missing from the authorization request, or code_verifier from the token request',
  },
  pkce_method_invalid: {
    uk: uk('U002', 'UK.OBIE.Field.Invalid'),
    stet: iso('CH16', 'ElementContentFormallyIncorrect'),
    when: 'code_challenge_method is not S256, or the code_challenge is malformed',
  },
  nonce_missing: {
    uk: uk('U004', 'UK.OBIE.Field.Missing'),
    stet: iso('CH21', 'RequiredCompulsoryElementMissing'),
    when: 'nonce is missing although an ID token is requested (hybrid flow, or openid scope under FAPI 1.0)',
  },
  intent_unknown: {
    uk: uk('U011', 'UK.OBIE.Resource.NotFound'),
    stet: iso('CH16', 'ElementContentFormallyIncorrect'),
    when: 'The openbanking_intent_id is missing where the scope needs a staged consent, or no such consent exists',
  },
  intent_mismatch: {
    uk: uk('U008', 'UK.OBIE.Resource.ConsentMismatch'),
    stet: iso('AG08', 'InvalidAccessRights'),
    when: 'The staged consent belongs to another client, or its kind does not fit the requested scope',
  },
  intent_status_invalid: {
    uk: uk('U009', 'UK.OBIE.Resource.InvalidConsentStatus'),
    stet: iso('AG01', 'TransactionForbidden'),
    when: 'The staged consent is not AwaitingAuthorisation (already authorised, rejected, revoked or expired)',
  },
  acr_unsupported: {
    uk: uk('U002', 'UK.OBIE.Field.Invalid'),
    stet: iso('CH16', 'ElementContentFormallyIncorrect'),
    when: 'An essential acr value is requested that the server cannot satisfy',
  },
  login_required: {
    uk: uk('U028', 'UK.OBIE.Reauthenticate'),
    stet: iso('NOAS', 'NoAnswerFromCustomer'),
    when: 'prompt=none was requested, but the PSU must log in for every authorization',
  },
  psu_denied: {
    uk: uk('U033', 'Authorisation failed'),
    stet: iso('CUST', 'RequestedByCustomer'),
    when: 'The PSU denied the authorization on the consent page',
  },
  psu_authentication_failed: {
    uk: uk('U033', 'Authorisation failed'),
    stet: iso('AG01', 'TransactionForbidden'),
    when: 'The PSU failed to log in or to pass the second factor too many times',
  },
  psu_locked_out: {
    uk: uk('U033', 'Authorisation failed'),
    stet: iso('AG01', 'TransactionForbidden'),
    when: 'The username is locked out after too many failed sign-ins (`psuLockout`): the sign-in page asks the PSU to try again later, and nothing typed is checked',
  },
  interaction_expired: {
    uk: uk('U036', 'Authorisation not completed'),
    stet: iso('DS24', 'WaitingTimeExpired'),
    when: 'The PSU session is missing or has expired before the PSU decided',
  },
  csrf_invalid: {
    uk: uk('U002', 'UK.OBIE.Field.Invalid'),
    stet: iso('CH16', 'ElementContentFormallyIncorrect'),
    when: 'A PSU page form was not posted from the page obas served (CSRF token or Origin mismatch)',
  },
} as const satisfies Record<string, ReasonCodes>;
