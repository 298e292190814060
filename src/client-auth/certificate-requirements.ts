import { invalidClient } from '../errors/error-factories.js';
import type { ClientCertificate } from '../pki/client-certificate.js';

/** The certificate presented over mTLS, or `invalid_client` when there is none (RFC 8705 §2). */
export function requireCertificate(certificate: ClientCertificate | undefined): ClientCertificate {
  if (certificate === undefined) throw invalidClient('A client certificate is required', 'certificate_missing');
  return certificate;
}

/** The presented certificate, which must chain to a trust anchor and be valid now (RFC 8705 §2.1). */
export function requireTrustedCertificate(certificate: ClientCertificate | undefined): ClientCertificate {
  const presented = requireCertificate(certificate);
  const { trust } = presented;
  if (trust.status === 'trusted') return presented;
  if (trust.status === 'untrusted') {
    throw invalidClient('The client certificate is not issued by a trusted authority', 'certificate_untrusted', {
      detail: trust.detail,
    });
  }
  throw invalidClient('The client certificate is not valid for client authentication', 'certificate_not_valid', {
    detail: `${trust.status}: ${trust.detail}`,
  });
}
