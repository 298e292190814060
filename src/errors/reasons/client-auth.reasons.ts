import { iso, type ReasonCodes, uk } from './reason-codes.js';

/** Client authentication: certificates, secrets, client assertions (RFC 8705, RFC 7523). */
export const CLIENT_AUTH_REASONS = {
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
} as const satisfies Record<string, ReasonCodes>;
