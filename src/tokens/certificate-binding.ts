import { invalidRequest } from '../errors/error-factories.js';
import type { ClientCertificate } from '../pki/client-certificate.js';
import type { ClientMetadata } from '../storage/ports.js';

/**
 * The `x5t#S256` a new token must be bound to (RFC 8705 §3), or undefined for an unbound token.
 * Bound when the profile always binds (FAPI) or the client registered `tls_client_certificate_bound_access_tokens`;
 * a bound token without a presented certificate is refused.
 */
export function certificateBinding(
  metadata: ClientMetadata,
  certificate: ClientCertificate | undefined,
  alwaysBind: boolean,
): string | undefined {
  const bind = alwaysBind || metadata['tls_client_certificate_bound_access_tokens'] === true;
  if (!bind) return undefined;
  if (certificate === undefined) {
    throw invalidRequest('A client certificate is required for certificate-bound tokens', 'certificate_missing');
  }
  return certificate.thumbprintS256;
}
