import type { Client } from '../clients/client.js';
import { invalidRequest } from '../errors/error-factories.js';
import type { ClientCertificate } from '../pki/client-certificate.js';

/**
 * What a new token is bound to, its `cnf` (RFC 7800 §3.1): the client certificate's `x5t#S256` (RFC 8705 §3.1) or a
 * DPoP key's `jkt` (RFC 9449 §6.1). Neither member for a bearer token.
 */
export interface SenderBinding {
  readonly certificateThumbprint?: string;
  readonly dpopKeyThumbprint?: string;
}

/** The `token_type` of a token response (RFC 6749 §7.1, RFC 9449 §5): `DPoP` for a DPoP-bound access token. */
export type TokenType = 'Bearer' | 'DPoP';

/** The token type a binding gives. */
export const tokenTypeOf = (binding: SenderBinding): TokenType => (binding.dpopKeyThumbprint === undefined ? 'Bearer' : 'DPoP');

/** What a refresh token is bound to: the client certificate, and whether its access tokens are DPoP-bound. */
export interface RefreshBinding {
  readonly certificateThumbprint?: string;
  /** A refresh must come with a DPoP proof again, of any key (RFC 9449 §5). */
  readonly dpopBound?: boolean;
}

/** The certificate member of a binding, if any. */
const certificateOf = (binding: SenderBinding): Pick<SenderBinding, 'certificateThumbprint'> =>
  binding.certificateThumbprint === undefined ? {} : { certificateThumbprint: binding.certificateThumbprint };

/**
 * The binding of a refresh token issued with an access token of `binding`: the certificate's, if any, and whether the
 * access token was DPoP-bound. A confidential client's refresh token is bound to the client's authentication, never
 * to a DPoP key (RFC 9449 §5); a grant that went DPoP stays DPoP: its refreshes need a proof again (of any key).
 */
export const refreshTokenBinding = (binding: SenderBinding): RefreshBinding => ({
  ...certificateOf(binding),
  ...(binding.dpopKeyThumbprint === undefined ? {} : { dpopBound: true }),
});

/**
 * The binding of the tokens one token request issues, decided once for the request. With a verified DPoP proof
 * (`dpopKeyThumbprint`, its `jkt`) the access token is DPoP-bound (RFC 9449 §5), also over mTLS: FAPI 2.0 SP §5.3.2.2
 * allows either sender constraint, and the proof is the client's explicit choice. The certificate, when one is
 * presented, is kept for the refresh token ({@link refreshTokenBinding}). Without a proof: certificate-bound (RFC 8705
 * §3) when the profile always binds (FAPI) or the client registered `tls_client_certificate_bound_access_tokens`; a
 * bound token without a presented certificate is refused.
 */
export function senderBinding(
  client: Client,
  certificate: ClientCertificate | undefined,
  alwaysBind: boolean,
  dpopKeyThumbprint?: string,
): SenderBinding {
  if (dpopKeyThumbprint !== undefined) {
    return { dpopKeyThumbprint, ...(certificate === undefined ? {} : { certificateThumbprint: certificate.thumbprintS256 }) };
  }
  if (!alwaysBind && !client.certificateBoundAccessTokens) return {};
  if (certificate === undefined) {
    throw invalidRequest('A client certificate is required for certificate-bound tokens', 'certificate_missing');
  }
  return { certificateThumbprint: certificate.thumbprintS256 };
}

/**
 * The `cnf` an access token of `binding` carries (RFC 7800 §3.1): the DPoP key's `jkt` when DPoP-bound (RFC 9449 §6.1),
 * otherwise the certificate's `x5t#S256` (RFC 8705 §3.1); one of them, never both.
 */
export const accessTokenBinding = (binding: SenderBinding): SenderBinding =>
  binding.dpopKeyThumbprint !== undefined ? { dpopKeyThumbprint: binding.dpopKeyThumbprint } : certificateOf(binding);
