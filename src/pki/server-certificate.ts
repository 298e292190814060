import { defaultNotBefore, signCertificate, type CertificateAuthority } from './certificate-authority.js';
import { x509, type CryptoKey } from './x509-runtime.js';

const SERVER_VALIDITY_MS = 365 * 24 * 3600 * 1000;

/** Host names the development TLS certificate is valid for (RFC 5280 §4.2.1.6 dNSName / iPAddress). */
const LOCALHOST_NAMES: x509.JsonGeneralNames = [
  { type: 'dns', value: 'localhost' },
  { type: 'ip', value: '127.0.0.1' },
  { type: 'ip', value: '::1' },
];

/**
 * Issues the development TLS server certificate for localhost: SAN `localhost`, `127.0.0.1`, `::1`, EKU serverAuth,
 * one year from `now`, signed by the dev CA so that a client trusting the CA file trusts the listeners.
 */
export async function issueLocalhostCertificate(
  ca: CertificateAuthority,
  publicKey: CryptoKey,
  now: Date,
): Promise<x509.X509Certificate> {
  const notBefore = defaultNotBefore(now);
  return signCertificate(ca, {
    subject: { commonName: 'localhost', organization: 'obas development' },
    publicKey,
    notBefore,
    notAfter: new Date(notBefore.getTime() + SERVER_VALIDITY_MS),
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, false),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth], false),
      new x509.SubjectAlternativeNameExtension(LOCALHOST_NAMES, false),
    ],
  });
}
