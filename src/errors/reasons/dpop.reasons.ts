import { iso, type ReasonCodes, uk } from './reason-codes.js';

/** DPoP proofs (RFC 9449 §4.3) and server-provided nonces (§8, §9): one reason per rule a proof can break. */
export const DPOP_REASONS = {
  dpop_proof_missing: {
    uk: uk('U007', 'UK.OBIE.Header.Missing'),
    stet: iso('DS0A', 'DataSignRequested'),
    when: 'A DPoP proof is required and the request has no DPoP header (RFC 9449 section 5, 7.1)',
  },
  dpop_proof_repeated: {
    uk: uk('U006', 'UK.OBIE.Header.Invalid'),
    stet: iso('FF02', 'SyntaxError'),
    when: 'The request has more than one DPoP header, or one header holding several values (RFC 9449 section 4.3)',
  },
  dpop_proof_malformed: {
    uk: uk('U018', 'UK.OBIE.Signature.Malformed'),
    stet: iso('DS0B', 'UnknownDataSignFormat'),
    when: 'The DPoP proof is not one well-formed compact JWS with JSON header and claims, or is too long',
  },
  dpop_typ_invalid: {
    uk: uk('U018', 'UK.OBIE.Signature.Malformed'),
    stet: iso('DS0B', 'UnknownDataSignFormat'),
    when: 'The DPoP proof typ header is not dpop+jwt (RFC 9449 section 4.2)',
  },
  dpop_alg_not_allowed: {
    uk: uk('U018', 'UK.OBIE.Signature.Malformed'),
    stet: iso('DS0B', 'UnknownDataSignFormat'),
    when: 'The DPoP proof is not signed with PS256 or ES256 (FAPI 2.0 SP section 5.4: no none, RS256 or symmetric algorithm)',
  },
  dpop_key_invalid: {
    uk: uk('U015', 'UK.OBIE.Signature.Invalid'),
    stet: iso('DS0B', 'UnknownDataSignFormat'),
    when: 'The DPoP proof jwk header is missing, holds private members, is too weak, or does not fit the alg',
  },
  dpop_signature_invalid: {
    uk: uk('U015', 'UK.OBIE.Signature.Invalid'),
    stet: iso('DS0B', 'UnknownDataSignFormat'),
    when: 'The DPoP proof signature does not verify with the key of its jwk header',
  },
  dpop_claim_missing: {
    uk: uk('U017', 'UK.OBIE.Signature.MissingClaim'),
    stet: iso('CH21', 'RequiredCompulsoryElementMissing'),
    when: 'The DPoP proof lacks jti, htm, htu or iat, or one of them has the wrong type (RFC 9449 section 4.2)',
  },
  dpop_method_mismatch: {
    uk: uk('U016', 'UK.OBIE.Signature.InvalidClaim'),
    stet: iso('CH16', 'ElementContentFormallyIncorrect'),
    when: 'The DPoP proof htm is not the method of the request',
  },
  dpop_uri_mismatch: {
    uk: uk('U016', 'UK.OBIE.Signature.InvalidClaim'),
    stet: iso('CH16', 'ElementContentFormallyIncorrect'),
    when: 'The DPoP proof htu is not the URI of the request, compared without query and fragment',
  },
  dpop_proof_expired: {
    uk: uk('U016', 'UK.OBIE.Signature.InvalidClaim'),
    stet: iso('TKXP', 'TokenExpired'),
    when: 'The DPoP proof iat is older than the accepted window (RFC 9449 section 11.1)',
  },
  dpop_proof_future: {
    uk: uk('U016', 'UK.OBIE.Signature.InvalidClaim'),
    stet: iso('DT01', 'InvalidDate'),
    when: 'The DPoP proof iat is further in the future than the tolerated clock skew',
  },
  dpop_ath_missing: {
    uk: uk('U017', 'UK.OBIE.Signature.MissingClaim'),
    stet: iso('CH21', 'RequiredCompulsoryElementMissing'),
    when: 'The DPoP proof sent with an access token has no ath claim (RFC 9449 section 4.2)',
  },
  dpop_ath_mismatch: {
    uk: uk('U016', 'UK.OBIE.Signature.InvalidClaim'),
    stet: iso('TK01', 'TokenInvalid'),
    when: 'The DPoP proof ath is not the SHA-256 of the access token sent with it',
  },
  dpop_proof_replayed: {
    uk: uk('U016', 'UK.OBIE.Signature.InvalidClaim'),
    stet: iso('TKSG', 'TokenSingleUse'),
    when: 'The DPoP proof jti was already used with this key (RFC 9449 section 11.1)',
  },
  dpop_key_mismatch: {
    uk: uk('U015', 'UK.OBIE.Signature.Invalid'),
    stet: iso('DS0E', 'IncorrectSignerCertificate'),
    when: 'The DPoP proof key is not the key the code or token is bound to (RFC 9449 section 7.1, 10)',
  },
  dpop_jkt_invalid: {
    uk: uk('U002', 'UK.OBIE.Field.Invalid'),
    stet: iso('CH16', 'ElementContentFormallyIncorrect'),
    when: 'The dpop_jkt authorization request parameter is not a JWK SHA-256 thumbprint (RFC 9449 section 10)',
  },
  dpop_nonce_missing: {
    uk: uk('U017', 'UK.OBIE.Signature.MissingClaim'),
    stet: iso('CH21', 'RequiredCompulsoryElementMissing'),
    when: 'The server requires a nonce in DPoP proofs and the proof has none; retry with the DPoP-Nonce header value (RFC 9449 section 8)',
  },
  dpop_nonce_stale: {
    uk: uk('U016', 'UK.OBIE.Signature.InvalidClaim'),
    stet: iso('TKXP', 'TokenExpired'),
    when: 'The DPoP proof nonce is not one the server recently provided; retry with the DPoP-Nonce header value (RFC 9449 section 8)',
  },
} as const satisfies Record<string, ReasonCodes>;
