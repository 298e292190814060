import { iso, type ReasonCodes, uk } from './reason-codes.js';

/** Dynamic client registration: metadata, software statements, management (RFC 7591, RFC 7592). */
export const REGISTRATION_REASONS = {
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
    when: 'A directory or software JWKS URL could not be retrieved: unreachable, too slow, too large, not a JWK Set, or its address refused',
  },
  jwks_uri_forbidden: {
    uk: uk('U002', 'UK.OBIE.Field.Invalid'),
    stet: iso('CH16', 'ElementContentFormallyIncorrect'),
    when: 'The jwks_uri names, or its host resolves to, a loopback, private, link-local, multicast or reserved address that outbound.allow does not list',
  },
  software_jwks_endpoint_forbidden: {
    uk: uk('U016', 'UK.OBIE.Signature.InvalidClaim'),
    stet: iso('CH16', 'ElementContentFormallyIncorrect'),
    when: 'The software statement software_jwks_endpoint names, or its host resolves to, a loopback, private, link-local, multicast or reserved address that outbound.allow does not list',
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
} as const satisfies Record<string, ReasonCodes>;
