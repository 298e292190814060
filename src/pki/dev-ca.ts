import { createPrivateKey, X509Certificate } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ensureFile } from './atomic-file.js';
import {
  certificatePem,
  createCertificateAuthority,
  defaultNotBefore,
  loadCertificateAuthority,
  type CertificateAuthority,
} from './certificate-authority.js';
import { generateKeyPair, importKeyPair, privateKeyPem } from './key-material.js';
import { issueLocalhostCertificate } from './server-certificate.js';

/** The development PKI in `<dataDir>/pki/`: a root CA and the localhost TLS certificate it signed. */
export interface DevPki {
  readonly directory: string;
  readonly caCertPath: string;
  readonly caKeyPath: string;
  readonly serverCertPath: string;
  readonly serverKeyPath: string;
  readonly caCertPem: string;
  readonly caKeyPem: string;
  readonly serverCertPem: string;
  readonly serverKeyPem: string;
  /** The dev CA as a signer, e.g. for `obas pki issue-tpp`. */
  readonly ca: CertificateAuthority;
}

const PRIVATE = 0o600;
const PUBLIC = 0o644;
const RENEW_BEFORE_MS = 30 * 24 * 3600 * 1000;

function isUsableKey(pem: string): boolean {
  try {
    const key = createPrivateKey(pem);
    return key.asymmetricKeyType === 'ec' || key.asymmetricKeyType === 'rsa';
  } catch {
    return false;
  }
}

function parseCertificate(pem: string): X509Certificate | undefined {
  try {
    return new X509Certificate(pem);
  } catch {
    return undefined;
  }
}

function newKeyPem(): Promise<string> {
  return generateKeyPair('ec').then((keys) => privateKeyPem(keys.privateKey));
}

/** A CA certificate is kept while it belongs to the CA key and is valid now. */
function isCaCertificateFor(keyPem: string, now: Date) {
  return (pem: string) => {
    const certificate = parseCertificate(pem);
    return (
      certificate !== undefined &&
      certificate.ca &&
      certificate.checkPrivateKey(createPrivateKey(keyPem)) &&
      new Date(certificate.validTo).getTime() > now.getTime()
    );
  };
}

/** The server certificate is kept while it belongs to the server key, is signed by the CA and is not about to expire. */
function isServerCertificateFor(keyPem: string, caCertPem: string, now: Date) {
  const ca = new X509Certificate(caCertPem);
  return (pem: string) => {
    const certificate = parseCertificate(pem);
    return (
      certificate !== undefined &&
      certificate.checkPrivateKey(createPrivateKey(keyPem)) &&
      certificate.checkIssued(ca) &&
      certificate.verify(ca.publicKey) &&
      new Date(certificate.validFrom).getTime() <= now.getTime() &&
      new Date(certificate.validTo).getTime() - RENEW_BEFORE_MS > now.getTime()
    );
  };
}

/**
 * Creates the development PKI on first call and reuses it afterwards: `dev-ca.key`/`dev-ca.pem` (EC P-256 root,
 * ten years, RFC 5280 §4.2.1.9 cA + keyCertSign/cRLSign) and `localhost.key`/`localhost.pem` (serverAuth for
 * localhost, 127.0.0.1 and ::1, renewed a month before it expires). Private keys are written 0600. Several processes
 * may call it at once on one directory: files are published atomically and every caller ends up with the same ones.
 */
export async function ensureDevPki(dataDir: string, now: Date = new Date()): Promise<DevPki> {
  const directory = join(dataDir, 'pki');
  await mkdir(directory, { recursive: true, mode: 0o700 });
  const paths = {
    caKeyPath: join(directory, 'dev-ca.key'),
    caCertPath: join(directory, 'dev-ca.pem'),
    serverKeyPath: join(directory, 'localhost.key'),
    serverCertPath: join(directory, 'localhost.pem'),
  };
  const caKeyPem = await ensureFile(paths.caKeyPath, { mode: PRIVATE, isValid: isUsableKey, create: newKeyPem });
  const caCertPem = await ensureFile(paths.caCertPath, {
    mode: PUBLIC,
    isValid: isCaCertificateFor(caKeyPem, now),
    create: async () => {
      const authority = await createCertificateAuthority({
        commonName: 'obas development CA',
        organization: 'obas development',
        notBefore: defaultNotBefore(now),
        keys: await importKeyPair(caKeyPem),
      });
      return authority.certPem;
    },
  });
  const ca = await loadCertificateAuthority(caCertPem, caKeyPem);
  const serverKeyPem = await ensureFile(paths.serverKeyPath, { mode: PRIVATE, isValid: isUsableKey, create: newKeyPem });
  const serverCertPem = await ensureFile(paths.serverCertPath, {
    mode: PUBLIC,
    isValid: isServerCertificateFor(serverKeyPem, caCertPem, now),
    create: async () => {
      const { keys } = await importKeyPair(serverKeyPem);
      return certificatePem(await issueLocalhostCertificate(ca, keys.publicKey, now));
    },
  });
  return { directory, ...paths, caCertPem, caKeyPem, serverCertPem, serverKeyPem, ca };
}
