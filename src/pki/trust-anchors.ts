import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** Every certificate of a PEM text (RFC 7468 §5), in order. Throws when one does not parse. */
export function certificatesFromPem(pem: string): X509Certificate[] {
  return (pem.match(PEM_CERTIFICATE) ?? []).map((block) => new X509Certificate(block));
}

/**
 * Reads the trust anchors (RFC 5280 §6.1.1 (d)) from PEM bundles: every certificate of every file. Synchronous, for
 * start-up. Throws when a file cannot be read or holds no certificate, so that a configuration typo fails at once.
 */
export function loadTrustAnchors(pemFiles: readonly string[]): X509Certificate[] {
  return pemFiles.flatMap((file) => {
    const certificates = certificatesFromPem(readFileSync(file, 'utf8'));
    if (certificates.length === 0) throw new Error(`No certificate in trust anchor file ${file}`);
    return certificates;
  });
}
