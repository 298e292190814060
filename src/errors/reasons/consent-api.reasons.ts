import { iso, type ReasonCodes, uk } from './reason-codes.js';

/** The UK consent API: request fields, headers, media types, message signing. */
export const CONSENT_API_REASONS = {
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
} as const satisfies Record<string, ReasonCodes>;
