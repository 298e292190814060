import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { certificatesFromPem } from '../pki/trust-anchors.js';
import { childPath, type ConfigChecker } from './config-checker.js';

/** Every PEM certificate block of a file, parsed; `undefined` when there is none or one does not parse. */
function parseCertificates(file: string): X509Certificate[] | undefined {
  try {
    const certificates = certificatesFromPem(readFileSync(file, 'utf8'));
    return certificates.length === 0 ? undefined : certificates;
  } catch {
    return undefined;
  }
}

/** A trust anchor file: readable, with one or more PEM certificates (RFC 8705 §2.1 chain validation roots). */
export function checkTrustAnchorFile(checker: ConfigChecker, value: unknown, path: string): string | undefined {
  const file = checker.readableFile(value, path);
  if (file === undefined) return undefined;
  if (parseCertificates(file) === undefined) return checker.fail(path, value, 'a file of PEM certificates (BEGIN CERTIFICATE)');
  return file;
}

/** TLS files of one listener; absent when the dev certificate is to be used. */
export interface TlsFiles {
  readonly tlsKeyFile?: string;
  readonly tlsCertFile?: string;
}

/**
 * `tls: { key, cert }` of a listener: both or neither; the certificate file holds the server certificate (then its
 * chain) in PEM, the key file a PEM private key that matches it. The key is parsed only to check it, never kept.
 */
export function checkTlsFiles(checker: ConfigChecker, raw: unknown, path: string): TlsFiles {
  if (raw === undefined) return {};
  const tls = checker.object(raw, path, ['key', 'cert']);
  if (tls === undefined) return {};
  const keyPath = childPath(path, 'key');
  const certPath = childPath(path, 'cert');
  if (tls['key'] === undefined || tls['cert'] === undefined) {
    const missing = tls['key'] === undefined ? keyPath : certPath;
    checker.fail(missing, undefined, `a file path (${keyPath} and ${certPath} go together)`);
    return {};
  }
  const keyFile = checker.readableFile(tls['key'], keyPath);
  const certFile = checker.readableFile(tls['cert'], certPath);
  if (keyFile === undefined || certFile === undefined) return {};
  const leaf = parseCertificates(certFile)?.[0];
  if (leaf === undefined) {
    checker.fail(certPath, tls['cert'], 'a file of PEM certificates (BEGIN CERTIFICATE)');
    return {};
  }
  let matches: boolean;
  try {
    matches = leaf.checkPrivateKey(createPrivateKey(readFileSync(keyFile)));
  } catch {
    checker.fail(keyPath, tls['key'], 'a PEM private key file');
    return {};
  }
  if (!matches) {
    checker.fail(keyPath, tls['key'], `the private key of the certificate in ${certPath}`);
    return {};
  }
  return { tlsKeyFile: keyFile, tlsCertFile: certFile };
}
