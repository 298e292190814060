/**
 * The reason catalogue: every failure obas can report, with the open banking code each dialect puts in
 * `error_description`. UK codes are OBExternalStatusReason1Code values (UK OB read/write data API v4, "Errors");
 * STET codes are the ISO 20022 external status reasons STET/CFONB use. Source: `../shared/reference/*.csv`.
 */
export interface ReasonCodes {
  /** OBExternalStatusReason1Code (code and name), e.g. `U028` / `UK.OBIE.Reauthenticate`. */
  readonly uk: { readonly code: string; readonly name: string };
  /** ISO 20022 four-letter status reason code and its name, e.g. `TKXP` / `TokenExpired`. */
  readonly stet: { readonly code: string; readonly name: string };
  /** One line for docs/errors.md: when this reason is reported. */
  readonly when: string;
}

const uk = (code: string, name: string) => ({ code, name });
const iso = (code: string, name: string) => ({ code, name });

/** Reason key → codes per dialect. Keys are stable identifiers used in code and logs. */
export const REASONS = {
  malformed_request: {
    uk: uk('U010', 'UK.OBIE.Resource.InvalidFormat'),
    stet: iso('FF01', 'InvalidFileFormat'),
    when: 'Body is not parseable, wrong content type, or oversized',
  },
  parameter_missing: {
    uk: uk('U004', 'UK.OBIE.Field.Missing'),
    stet: iso('CH21', 'RequiredCompulsoryElementMissing'),
    when: 'A required parameter is missing',
  },
  parameter_invalid: {
    uk: uk('U002', 'UK.OBIE.Field.Invalid'),
    stet: iso('CH16', 'ElementContentFormallyIncorrect'),
    when: 'A parameter has an invalid value or is too long',
  },
  parameter_repeated: {
    uk: uk('U002', 'UK.OBIE.Field.Invalid'),
    stet: iso('FF02', 'SyntaxError'),
    when: 'A parameter appears more than once (RFC 6749 §3.2)',
  },
  grant_type_unsupported: {
    uk: uk('U002', 'UK.OBIE.Field.Invalid'),
    stet: iso('AG03', 'TransactionNotSupported'),
    when: 'The grant type is unknown or not enabled',
  },
  grant_type_not_allowed: {
    uk: uk('U002', 'UK.OBIE.Field.Invalid'),
    stet: iso('AG03', 'TransactionNotSupported'),
    when: 'The client is not registered for the grant type',
  },
  scope_not_allowed: {
    uk: uk('U002', 'UK.OBIE.Field.Invalid'),
    stet: iso('AG08', 'InvalidAccessRights'),
    when: 'The requested scope exceeds the scope registered for the client',
  },
  token_not_owned: {
    uk: uk('U011', 'UK.OBIE.Resource.NotFound'),
    stet: iso('AG08', 'InvalidAccessRights'),
    when: 'The token to revoke was issued to another client (RFC 7009 §2.1)',
  },
  client_unknown: {
    uk: uk('U011', 'UK.OBIE.Resource.NotFound'),
    stet: iso('BE05', 'UnrecognisedInitiatingParty'),
    when: 'No client with that client_id is registered',
  },
  client_auth_missing: {
    uk: uk('U019', 'UK.OBIE.Signature.Missing'),
    stet: iso('DS0A', 'DataSignRequested'),
    when: 'No client authentication was presented',
  },
  client_auth_ambiguous: {
    uk: uk('U005', 'UK.OBIE.Field.Unexpected'),
    stet: iso('CH17', 'ElementNotAdmitted'),
    when: 'More than one client authentication method was presented',
  },
  client_auth_method_mismatch: {
    uk: uk('U002', 'UK.OBIE.Field.Invalid'),
    stet: iso('AG08', 'InvalidAccessRights'),
    when: 'The method used is not the client\'s registered token_endpoint_auth_method, or not allowed by the profile',
  },
  client_secret_invalid: {
    uk: uk('U015', 'UK.OBIE.Signature.Invalid'),
    stet: iso('DS0B', 'UnknownDataSignFormat'),
    when: 'The client secret does not match',
  },
  certificate_missing: {
    uk: uk('U019', 'UK.OBIE.Signature.Missing'),
    stet: iso('DS0E', 'IncorrectSignerCertificate'),
    when: 'No client certificate was presented over mutual TLS',
  },
  certificate_untrusted: {
    uk: uk('U015', 'UK.OBIE.Signature.Invalid'),
    stet: iso('DS0F', 'SignerCertificationAuthoritySignerNotValid'),
    when: 'The client certificate does not chain to a configured trust anchor',
  },
  certificate_not_valid: {
    uk: uk('U015', 'UK.OBIE.Signature.Invalid'),
    stet: iso('DS0D', 'SignerCertificateNotValid'),
    when: 'The client certificate is expired, not yet valid, or not usable for client authentication',
  },
  certificate_mismatch: {
    uk: uk('U015', 'UK.OBIE.Signature.Invalid'),
    stet: iso('DS0E', 'IncorrectSignerCertificate'),
    when: 'The certificate subject or key does not match the client registration',
  },
  assertion_malformed: {
    uk: uk('U018', 'UK.OBIE.Signature.Malformed'),
    stet: iso('DS0B', 'UnknownDataSignFormat'),
    when: 'The client assertion or registration request JWT is not a well-formed JWS, or uses an algorithm that is not allowed',
  },
  assertion_signature_invalid: {
    uk: uk('U015', 'UK.OBIE.Signature.Invalid'),
    stet: iso('DS0B', 'UnknownDataSignFormat'),
    when: 'The client assertion (registration request JWT) signature does not verify with a key of the client (software)',
  },
  assertion_claim_invalid: {
    uk: uk('U016', 'UK.OBIE.Signature.InvalidClaim'),
    stet: iso('CH16', 'ElementContentFormallyIncorrect'),
    when: 'A claim of the client assertion or registration request JWT (iss, sub, aud, exp, iat, nbf) is wrong',
  },
  assertion_claim_missing: {
    uk: uk('U017', 'UK.OBIE.Signature.MissingClaim'),
    stet: iso('CH21', 'RequiredCompulsoryElementMissing'),
    when: 'A required claim of the client assertion or registration request JWT is missing',
  },
  assertion_expired: {
    uk: uk('U016', 'UK.OBIE.Signature.InvalidClaim'),
    stet: iso('TKXP', 'TokenExpired'),
    when: 'The client assertion or registration request JWT has expired or lives too long',
  },
  assertion_replayed: {
    uk: uk('U016', 'UK.OBIE.Signature.InvalidClaim'),
    stet: iso('TKSG', 'TokenSingleUse'),
    when: 'The client assertion or registration request JWT jti was already used',
  },
  redirect_uri_invalid: {
    uk: uk('U002', 'UK.OBIE.Field.Invalid'),
    stet: iso('CH16', 'ElementContentFormallyIncorrect'),
    when: 'A redirect URI is not https, has a fragment, or is not one of the software statement redirect URIs',
  },
  client_metadata_invalid: {
    uk: uk('U002', 'UK.OBIE.Field.Invalid'),
    stet: iso('CH16', 'ElementContentFormallyIncorrect'),
    when: 'Registration metadata is invalid, incoherent or unsupported (RFC 7591 section 3.2.2)',
  },
  psd2_role_missing: {
    uk: uk('U002', 'UK.OBIE.Field.Invalid'),
    stet: iso('AG08', 'InvalidAccessRights'),
    when: 'A requested scope needs a PSD2 role that the certificate or the software statement does not carry',
  },
  software_statement_missing: {
    uk: uk('U004', 'UK.OBIE.Field.Missing'),
    stet: iso('CH21', 'RequiredCompulsoryElementMissing'),
    when: 'The profile requires a software statement and the registration request has none',
  },
  software_statement_malformed: {
    uk: uk('U018', 'UK.OBIE.Signature.Malformed'),
    stet: iso('DS0B', 'UnknownDataSignFormat'),
    when: 'The software statement is not a well-formed JWS, or uses an algorithm other than PS256 or ES256',
  },
  software_statement_signature_invalid: {
    uk: uk('U015', 'UK.OBIE.Signature.Invalid'),
    stet: iso('DS0B', 'UnknownDataSignFormat'),
    when: 'The software statement signature does not verify with a key of its directory',
  },
  software_statement_claim_invalid: {
    uk: uk('U016', 'UK.OBIE.Signature.InvalidClaim'),
    stet: iso('CH16', 'ElementContentFormallyIncorrect'),
    when: 'A claim of the software statement has a wrong type or value',
  },
  software_statement_claim_missing: {
    uk: uk('U017', 'UK.OBIE.Signature.MissingClaim'),
    stet: iso('CH21', 'RequiredCompulsoryElementMissing'),
    when: 'A required claim of the software statement is missing',
  },
  software_statement_expired: {
    uk: uk('U016', 'UK.OBIE.Signature.InvalidClaim'),
    stet: iso('TKXP', 'TokenExpired'),
    when: 'The software statement has expired, or is issued in the future',
  },
  software_statement_replayed: {
    uk: uk('U016', 'UK.OBIE.Signature.InvalidClaim'),
    stet: iso('TKSG', 'TokenSingleUse'),
    when: 'The software statement jti was already used and the profile makes software statements single-use',
  },
  software_statement_issuer_unknown: {
    uk: uk('U016', 'UK.OBIE.Signature.InvalidClaim'),
    stet: iso('DS0F', 'SignerCertificationAuthoritySignerNotValid'),
    when: 'The software statement issuer is not a trusted directory',
  },
  organisation_mismatch: {
    uk: uk('U016', 'UK.OBIE.Signature.InvalidClaim'),
    stet: iso('DS0E', 'IncorrectSignerCertificate'),
    when: 'The software statement org_id does not match the organizationIdentifier of the client certificate',
  },
  directory_unavailable: {
    uk: uk('U000', 'UK.OBIE.UnexpectedError'),
    stet: iso('FF10', 'BankSystemProcessingError'),
    when: 'A directory or software JWKS URL could not be retrieved in time',
  },
  registration_token_missing: {
    uk: uk('U007', 'UK.OBIE.Header.Missing'),
    stet: iso('TK09', 'TokenMissing'),
    when: 'A client configuration request (RFC 7592) has no bearer token',
  },
  registration_token_invalid: {
    uk: uk('U006', 'UK.OBIE.Header.Invalid'),
    stet: iso('TK01', 'TokenInvalid'),
    when: 'The bearer token of a client configuration request is wrong, or the client does not exist',
  },
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
  method_not_allowed: {
    uk: uk('U002', 'UK.OBIE.Field.Invalid'),
    stet: iso('AG03', 'TransactionNotSupported'),
    when: 'The HTTP method is not allowed on this endpoint',
  },
  not_found: {
    uk: uk('U011', 'UK.OBIE.Resource.NotFound'),
    stet: iso('AG03', 'TransactionNotSupported'),
    when: 'No endpoint at this path',
  },
  consent_unknown: {
    uk: uk('U011', 'UK.OBIE.Resource.NotFound'),
    stet: iso('CH16', 'ElementContentFormallyIncorrect'),
    when: 'No consent with that ConsentId exists for this client (another client\'s consent is not disclosed)',
  },
  consent_not_owned: {
    uk: uk('U011', 'UK.OBIE.Resource.NotFound'),
    stet: iso('AG08', 'InvalidAccessRights'),
    when: 'The consent was created by another client (403)',
  },
  idempotency_key_reused: {
    uk: uk('U006', 'UK.OBIE.Header.Invalid'),
    stet: iso('AM05', 'Duplication'),
    when: 'The x-idempotency-key was used within 24 hours with another request body',
  },
  consent_status_invalid: {
    uk: uk('U009', 'UK.OBIE.Resource.InvalidConsentStatus'),
    stet: iso('AG01', 'TransactionForbidden'),
    when: 'The consent is not in a status that allows the operation (e.g. consuming a consent that is not Authorised)',
  },
  consent_revoked: {
    uk: uk('U028', 'UK.OBIE.Reauthenticate'),
    stet: iso('CN01', 'AuthorisationCancelled'),
    when: 'The consent behind the code or refresh token was revoked by the PSU, the TPP or an operator',
  },
  consent_expired: {
    uk: uk('U028', 'UK.OBIE.Reauthenticate'),
    stet: iso('CN01', 'AuthorisationCancelled'),
    when: 'The consent behind the code or refresh token has expired (its ExpirationDateTime passed)',
  },
  consent_consumed: {
    uk: uk('U009', 'UK.OBIE.Resource.InvalidConsentStatus'),
    stet: iso('AG01', 'TransactionForbidden'),
    when: 'The payment consent was consumed: it mints no new tokens',
  },
  consent_revoked_by_tpp: {
    uk: uk('U042', 'UK.OBIE.OtherReason'),
    stet: iso('CN01', 'AuthorisationCancelled'),
    when: 'Status reason: the TPP deleted the consent',
  },
  consent_revoked_by_psu: {
    uk: uk('U042', 'UK.OBIE.OtherReason'),
    stet: iso('CN01', 'AuthorisationCancelled'),
    when: 'Status reason: the PSU revoked the consent on the consent dashboard',
  },
  consent_revoked_by_operator: {
    uk: uk('U042', 'UK.OBIE.OtherReason'),
    stet: iso('CN01', 'AuthorisationCancelled'),
    when: 'Status reason: an operator revoked the consent (`obas consents revoke`)',
  },
  authorisation_window_passed: {
    uk: uk('U036', 'Authorisation not completed'),
    stet: iso('AB05', 'TimeoutCreditorAgent'),
    when: 'Status reason: the PSU did not authorise the consent within its interaction window',
  },
  consent_consumed_by_resource_server: {
    uk: uk('U038', 'Consent consumed successfully'),
    stet: iso('AG01', 'TransactionForbidden'),
    when: 'Status reason: the resource server used the payment consent',
  },
  // UK consent API: request validation (field problems; Errors[] items)
  resource_invalid_format: {
    uk: uk('U010', 'UK.OBIE.Resource.InvalidFormat'),
    stet: iso('FF01', 'InvalidFileFormat'),
    when: 'A consent request body is not a JSON object',
  },
  field_missing: {
    uk: uk('U004', 'UK.OBIE.Field.Missing'),
    stet: iso('CH21', 'RequiredCompulsoryElementMissing'),
    when: 'A member the consent request schema requires is missing',
  },
  field_invalid: {
    uk: uk('U002', 'UK.OBIE.Field.Invalid'),
    stet: iso('CH16', 'ElementContentFormallyIncorrect'),
    when: 'A consent request member has a wrong type, length, item count or value (e.g. an unknown or repeated permission)',
  },
  field_unexpected: {
    uk: uk('U005', 'UK.OBIE.Field.Unexpected'),
    stet: iso('CH17', 'ElementNotAdmitted'),
    when: 'A consent request member is not defined by the schema, or not allowed together with another one',
  },
  field_expected: {
    uk: uk('U001', 'UK.OBIE.Field.Expected'),
    stet: iso('CH21', 'RequiredCompulsoryElementMissing'),
    when: 'A value needs a companion value that is missing (e.g. ReadTransactionsDetail without ReadTransactionsCredits or ReadTransactionsDebits)',
  },
  field_invalid_date: {
    uk: uk('U003', 'UK.OBIE.Field.InvalidDate'),
    stet: iso('DT01', 'InvalidDate'),
    when: 'A date-time is not ISO 8601 with a time zone offset, or comes before the date-time it must follow',
  },
  expiration_date_past: {
    uk: uk('U003', 'UK.OBIE.Field.InvalidDate'),
    stet: iso('IEDT', 'IncorrectExpiryDateTime'),
    when: 'The consent ExpirationDateTime is not in the future',
  },
  execution_date_past: {
    uk: uk('U003', 'UK.OBIE.Field.InvalidDate'),
    stet: iso('CH04', 'RequestedExecutionDateOrRequestedCollectionDateTooFarInPast'),
    when: 'A scheduled payment RequestedExecutionDateTime or a standing order FirstPaymentDateTime is not in the future',
  },
  amount_invalid: {
    uk: uk('U002', 'UK.OBIE.Field.Invalid'),
    stet: iso('AM12', 'InvalidAmount'),
    when: 'An Amount is not a decimal string of at most 13 integer and 5 fraction digits',
  },
  amount_zero: {
    uk: uk('U002', 'UK.OBIE.Field.Invalid'),
    stet: iso('AM01', 'ZeroAmount'),
    when: 'A payment Amount is zero',
  },
  currency_invalid: {
    uk: uk('U002', 'UK.OBIE.Field.Invalid'),
    stet: iso('AM11', 'InvalidTransactionCurrency'),
    when: 'A Currency is not three upper-case letters',
  },
  currency_unsupported: {
    uk: uk('U023', 'UK.OBIE.Unsupported.Currency'),
    stet: iso('AM03', 'NotAllowedCurrency'),
    when: 'A Currency is well formed but not an ISO 4217 currency code',
  },
  frequency_unsupported: {
    uk: uk('U025', 'UK.OBIE.Unsupported.Frequency'),
    stet: iso('CH16', 'ElementContentFormallyIncorrect'),
    when: 'A standing order Frequency is not one of the codes or patterns of the requested API version',
  },
  // UK consent API: headers, message signing, idempotency
  header_missing: {
    uk: uk('U007', 'UK.OBIE.Header.Missing'),
    stet: iso('CH21', 'RequiredCompulsoryElementMissing'),
    when: 'A required HTTP header of the consent API is missing (x-idempotency-key on payment consents)',
  },
  header_invalid: {
    uk: uk('U006', 'UK.OBIE.Header.Invalid'),
    stet: iso('CH16', 'ElementContentFormallyIncorrect'),
    when: 'An HTTP header of the consent API has an invalid value (x-idempotency-key longer than 40 characters or with white space)',
  },
  media_type_unsupported: {
    uk: uk('U010', 'UK.OBIE.Resource.InvalidFormat'),
    stet: iso('FF01', 'InvalidFileFormat'),
    when: 'The consent API request body is not application/json (415)',
  },
  media_type_not_acceptable: {
    uk: uk('U006', 'UK.OBIE.Header.Invalid'),
    stet: iso('CH16', 'ElementContentFormallyIncorrect'),
    when: 'The Accept header of a consent API request does not allow application/json (406)',
  },
  signature_missing: {
    uk: uk('U019', 'UK.OBIE.Signature.Missing'),
    stet: iso('DS0A', 'DataSignRequested'),
    when: 'A payment consent request carries no x-jws-signature while message signing is on',
  },
  signature_malformed: {
    uk: uk('U018', 'UK.OBIE.Signature.Malformed'),
    stet: iso('DS0B', 'UnknownDataSignFormat'),
    when: 'The x-jws-signature is not a detached JWS (header..signature) with a JSON object header',
  },
  signature_invalid: {
    uk: uk('U015', 'UK.OBIE.Signature.Invalid'),
    stet: iso('DS0B', 'UnknownDataSignFormat'),
    when: 'The x-jws-signature does not verify over the request body with the client key named by kid',
  },
  signature_claim_missing: {
    uk: uk('U017', 'UK.OBIE.Signature.MissingClaim'),
    stet: iso('CH21', 'RequiredCompulsoryElementMissing'),
    when: 'The x-jws-signature header lacks alg, kid, crit or an http://openbanking.org.uk/ iat, iss or tan claim',
  },
  signature_claim_invalid: {
    uk: uk('U016', 'UK.OBIE.Signature.InvalidClaim'),
    stet: iso('CH16', 'ElementContentFormallyIncorrect'),
    when: 'An x-jws-signature header claim is wrong: alg, typ, cty, crit, iat in the future, iss not the client, tan not trusted, unknown kid, or an extra claim',
  },
  internal_error: {
    uk: uk('U000', 'UK.OBIE.UnexpectedError'),
    stet: iso('FF10', 'BankSystemProcessingError'),
    when: 'An unexpected server error; details only in the log',
  },
} as const satisfies Record<string, ReasonCodes>;

/** A stable reason identifier. */
export type ReasonKey = keyof typeof REASONS;

/** How reason codes are written into `error_description` (profile knob `reasonCodeDialect`). */
export type ReasonCodeDialect = 'none' | 'uk-ob' | 'stet';

/**
 * Renders the public `error_description` for a dialect: `"<code> <name>: <description>"` for UK OB and STET,
 * the bare description for `none`.
 */
export function describeWithReason(description: string, reason: ReasonKey | undefined, dialect: ReasonCodeDialect): string {
  if (reason === undefined || dialect === 'none') return description;
  const codes: ReasonCodes = REASONS[reason];
  const entry = dialect === 'uk-ob' ? codes.uk : codes.stet;
  return `${entry.code} ${entry.name}: ${description}`;
}
