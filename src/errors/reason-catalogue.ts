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
    when: 'The client assertion is not a well-formed JWS, or uses an algorithm that is not allowed',
  },
  assertion_signature_invalid: {
    uk: uk('U015', 'UK.OBIE.Signature.Invalid'),
    stet: iso('DS0B', 'UnknownDataSignFormat'),
    when: 'The client assertion signature does not verify with a key of the client',
  },
  assertion_claim_invalid: {
    uk: uk('U016', 'UK.OBIE.Signature.InvalidClaim'),
    stet: iso('CH16', 'ElementContentFormallyIncorrect'),
    when: 'A claim of the client assertion (iss, sub, aud, exp, iat, nbf) is wrong',
  },
  assertion_claim_missing: {
    uk: uk('U017', 'UK.OBIE.Signature.MissingClaim'),
    stet: iso('CH21', 'RequiredCompulsoryElementMissing'),
    when: 'A required claim of the client assertion is missing',
  },
  assertion_expired: {
    uk: uk('U016', 'UK.OBIE.Signature.InvalidClaim'),
    stet: iso('TKXP', 'TokenExpired'),
    when: 'The client assertion has expired or lives too long',
  },
  assertion_replayed: {
    uk: uk('U016', 'UK.OBIE.Signature.InvalidClaim'),
    stet: iso('TKSG', 'TokenSingleUse'),
    when: 'The client assertion jti was already used',
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
