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

/**
 * The binding of a refresh token issued with an access token of `binding`: the certificate's, if any. A confidential
 * client's refresh token is bound to the client's authentication, never to a DPoP key (RFC 9449 §5).
 */
export const refreshTokenBinding = (binding: SenderBinding): Pick<SenderBinding, 'certificateThumbprint'> =>
  binding.certificateThumbprint === undefined ? {} : { certificateThumbprint: binding.certificateThumbprint };

/**
 * The binding of the tokens one token request issues, decided once for the request: certificate-bound (RFC 8705 §3)
 * when the profile always binds (FAPI) or the client registered `tls_client_certificate_bound_access_tokens`; a bound
 * token without a presented certificate is refused.
 */
export function senderBinding(client: Client, certificate: ClientCertificate | undefined, alwaysBind: boolean): SenderBinding {
  if (!alwaysBind && !client.certificateBoundAccessTokens) return {};
  if (certificate === undefined) {
    throw invalidRequest('A client certificate is required for certificate-bound tokens', 'certificate_missing');
  }
  return { certificateThumbprint: certificate.thumbprintS256 };
}
