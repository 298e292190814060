import { CERTIFICATE_SIGNING, generateKeyPair, importKeyPair, privateKeyPem, type KeyType } from './key-material.js';
import { x509, type CryptoKey, type CryptoKeyPair } from './x509-runtime.js';

/** A certificate authority obas can sign with: the dev CA, or a throw-away CA made by tests. */
export interface CertificateAuthority {
  readonly certificate: x509.X509Certificate;
  readonly certPem: string;
  readonly keyPem: string;
  readonly privateKey: CryptoKey;
  readonly keyType: KeyType;
  /** This CA's certificate followed by those of its issuers (PEM), as a TLS peer sends them after its leaf. */
  readonly chainPem: string;
}

/** Subject attributes obas puts in the names it makes (RFC 5280 §4.1.2.6). */
export interface SubjectAttributes {
  readonly commonName: string;
  readonly organization?: string;
  /** `organizationIdentifier` (2.5.4.97), e.g. `PSDGB-FCA-123456` (ETSI EN 319 412-1 §5.1.4). */
  readonly organizationIdentifier?: string;
  /** ISO 3166 alpha-2 country code. */
  readonly country?: string;
}

/** Options of {@link createCertificateAuthority}. */
export interface CertificateAuthorityOptions extends SubjectAttributes {
  /** Default `ec` (P-256). Ignored when `keys` is given. */
  readonly keyType?: KeyType;
  /** The key pair to certify, with its type; default a fresh pair. */
  readonly keys?: { readonly keys: CryptoKeyPair; readonly type: KeyType };
  readonly notBefore?: Date;
  /** Default ten years after `notBefore`. */
  readonly notAfter?: Date;
  /** Makes an intermediate CA signed by this issuer; without it the CA is a self-signed root. */
  readonly issuer?: CertificateAuthority;
  /** `pathLenConstraint` of basicConstraints (RFC 5280 §4.2.1.9). */
  readonly pathLength?: number;
}

/** What a CA needs to sign a certificate: subject, key, validity and the extensions beyond SKI/AKI. */
export interface CertificateRequest {
  readonly subject: SubjectAttributes;
  readonly publicKey: CryptoKey;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly extensions: readonly x509.Extension[];
}

const CLOCK_SKEW_MS = 60_000;
const TEN_YEARS_MS = 10 * 365 * 24 * 3600 * 1000;

/** A certificate's `notBefore` default: one minute before `now`, so that a peer with a slightly late clock accepts it. */
export function defaultNotBefore(now: Date = new Date()): Date {
  return new Date(now.getTime() - CLOCK_SKEW_MS);
}

/** An X.501 name for the attributes, most significant first (C, O, organizationIdentifier, CN). */
export function subjectName(attributes: SubjectAttributes): x509.JsonNameParams {
  const name: x509.JsonNameParams = [];
  if (attributes.country !== undefined) name.push({ '2.5.4.6': [{ printableString: attributes.country }] });
  if (attributes.organization !== undefined) name.push({ '2.5.4.10': [{ utf8String: attributes.organization }] });
  if (attributes.organizationIdentifier !== undefined) {
    name.push({ '2.5.4.97': [{ utf8String: attributes.organizationIdentifier }] });
  }
  name.push({ '2.5.4.3': [{ utf8String: attributes.commonName }] });
  return name;
}

/** PEM of one certificate (RFC 7468 §5). */
export function certificatePem(certificate: x509.X509Certificate): string {
  return `${certificate.toString('pem')}\n`;
}

/**
 * Signs a certificate with the CA's key, adding the subject and authority key identifiers (RFC 5280 §4.2.1.1-2).
 */
export async function signCertificate(
  ca: CertificateAuthority,
  request: CertificateRequest,
): Promise<x509.X509Certificate> {
  return x509.X509CertificateGenerator.create({
    subject: new x509.Name(subjectName(request.subject)),
    issuer: ca.certificate.subjectName,
    publicKey: request.publicKey,
    signingKey: ca.privateKey,
    signingAlgorithm: CERTIFICATE_SIGNING[ca.keyType],
    notBefore: request.notBefore,
    notAfter: request.notAfter,
    extensions: [
      ...request.extensions,
      await x509.SubjectKeyIdentifierExtension.create(request.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(ca.certificate.publicKey),
    ],
  });
}

function caExtensions(pathLength: number | undefined): x509.Extension[] {
  return [
    new x509.BasicConstraintsExtension(true, pathLength, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
  ];
}

/**
 * Creates a CA (RFC 5280 §4.2.1.9 basicConstraints cA, §4.2.1.3 keyCertSign + cRLSign): a self-signed root, or an
 * intermediate when `issuer` is given. Used for the dev CA and, in tests, for unrelated or intermediate CAs.
 */
export async function createCertificateAuthority(options: CertificateAuthorityOptions): Promise<CertificateAuthority> {
  const keyType = options.keys?.type ?? options.keyType ?? 'ec';
  const keys = options.keys?.keys ?? (await generateKeyPair(keyType));
  const notBefore = options.notBefore ?? defaultNotBefore();
  const notAfter = options.notAfter ?? new Date(notBefore.getTime() + TEN_YEARS_MS);
  const extensions = caExtensions(options.pathLength);
  const certificate =
    options.issuer === undefined
      ? await x509.X509CertificateGenerator.createSelfSigned({
          name: new x509.Name(subjectName(options)),
          keys,
          signingAlgorithm: CERTIFICATE_SIGNING[keyType],
          notBefore,
          notAfter,
          extensions: [...extensions, await x509.SubjectKeyIdentifierExtension.create(keys.publicKey)],
        })
      : await signCertificate(options.issuer, {
          subject: options,
          publicKey: keys.publicKey,
          notBefore,
          notAfter,
          extensions,
        });
  const certPem = certificatePem(certificate);
  return {
    certificate,
    certPem,
    keyPem: privateKeyPem(keys.privateKey),
    privateKey: keys.privateKey,
    keyType,
    chainPem: certPem + (options.issuer?.chainPem ?? ''),
  };
}

/** Rebuilds a CA from its certificate and PKCS #8 private key PEMs (e.g. the dev CA files). */
export async function loadCertificateAuthority(certPem: string, keyPem: string): Promise<CertificateAuthority> {
  const { keys, type } = await importKeyPair(keyPem);
  const certificate = new x509.X509Certificate(certPem);
  return { certificate, certPem, keyPem, privateKey: keys.privateKey, keyType: type, chainPem: certPem };
}
