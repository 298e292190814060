import { randomUUID } from 'node:crypto';
import type { JWK } from 'jose';
import {
  certificatePem,
  defaultNotBefore,
  signCertificate,
  subjectName,
  type CertificateAuthority,
  type SubjectAttributes,
} from './certificate-authority.js';
import { certificateThumbprintS256 } from './certificate-thumbprint.js';
import type { Psd2Attributes, Psd2Role, SubjectAltNames } from './client-certificate.js';
import { certificateSubjectDn } from './distinguished-name.js';
import { CERTIFICATE_SIGNING, generateKeyPair, privateKeyPem, publicJwk, type KeyType } from './key-material.js';
import { checkOrganizationIdentifier, DEFAULT_NCA, deriveOrganizationIdentifier, parseNcaId } from './psd2-identifiers.js';
import { encodeQcStatements, QC_STATEMENTS_OID } from './qc-statement.js';
import { x509, type CryptoKeyPair } from './x509-runtime.js';

/** Certificate policy QCP-w: qualified website certificate (ETSI EN 319 411-2 §5.3). */
const QCP_W_POLICY = '0.4.0.194112.1.4';
const DAY_MS = 24 * 3600 * 1000;

/** Extended key usages a TPP certificate may carry (RFC 5280 §4.2.1.12). */
export type TppKeyPurpose = 'clientAuth' | 'serverAuth';

/** Options of {@link issueTppCertificate} and {@link issueSelfSignedCertificate}. */
export interface TppCertificateOptions {
  /** Legal name of the TPP, the subject `O`. */
  readonly organization: string;
  /** Default: derived from the organisation and NCA, `PSDGB-FCA-<6 digits>` style. */
  readonly organizationIdentifier?: string;
  /** Default: the country of the NCA id. */
  readonly country?: string;
  /** The subject `CN`, by UK convention the software statement id / client id. Default: a random UUID. */
  readonly commonName?: string;
  /** Default: PSP_AI, PSP_PI, PSP_IC (every TPP role). */
  readonly roles?: readonly Psd2Role[];
  readonly ncaName?: string;
  readonly ncaId?: string;
  /** Default `rsa` (RSA-2048, published as PS256); `ec` is P-256 (ES256). */
  readonly keyType?: KeyType;
  readonly notBefore?: Date;
  /** Default: 365 days after `notBefore`. */
  readonly notAfter?: Date;
  /** Default: clientAuth and serverAuth, as on a QWAC. */
  readonly keyPurposes?: readonly TppKeyPurpose[];
  /** Subject alternative names, for the RFC 8705 §2.1.2 `tls_client_auth_san_*` variants. */
  readonly subjectAltNames?: Partial<SubjectAltNames>;
}

/** A freshly issued certificate with its key. Private key material only ever leaves here as `keyPem`. */
export interface IssuedCertificate {
  readonly keyPem: string;
  readonly certPem: string;
  /** The certificate followed by the issuing CA chain (PEM); the certificate alone when self-signed. */
  readonly chainPem: string;
  readonly certificate: x509.X509Certificate;
  /** The public key as a JWK with `kid` = RFC 7638 thumbprint, `alg` and `use: sig`. */
  readonly publicJwk: JWK;
  /** RFC 8705 §3.1 `x5t#S256`. */
  readonly thumbprintS256: string;
  /** The subject as an RFC 4514 string, as a client registers it in `tls_client_auth_subject_dn`. */
  readonly subjectDn: string;
  readonly organizationIdentifier: string;
  readonly psd2: Psd2Attributes;
}

interface ResolvedTppProfile {
  readonly subject: SubjectAttributes & { readonly organizationIdentifier: string };
  readonly psd2: Psd2Attributes;
  readonly keyType: KeyType;
  readonly notBefore: Date;
  readonly notAfter: Date;
}

function resolveProfile(options: TppCertificateOptions): ResolvedTppProfile {
  const ncaId = options.ncaId ?? DEFAULT_NCA.id;
  const organizationIdentifier =
    options.organizationIdentifier === undefined
      ? deriveOrganizationIdentifier(options.organization, ncaId)
      : checkOrganizationIdentifier(options.organizationIdentifier);
  const notBefore = options.notBefore ?? defaultNotBefore();
  return {
    subject: {
      commonName: options.commonName ?? randomUUID(),
      organization: options.organization,
      organizationIdentifier,
      country: options.country ?? parseNcaId(ncaId).country,
    },
    psd2: { roles: options.roles ?? ['PSP_AI', 'PSP_PI', 'PSP_IC'], ncaName: options.ncaName ?? DEFAULT_NCA.name, ncaId },
    keyType: options.keyType ?? 'rsa',
    notBefore,
    notAfter: options.notAfter ?? new Date(notBefore.getTime() + 365 * DAY_MS),
  };
}

function alternativeNames(names: Partial<SubjectAltNames>): x509.JsonGeneralNames {
  return [
    ...(names.dns ?? []).map((value) => ({ type: 'dns' as const, value })),
    ...(names.uri ?? []).map((value) => ({ type: 'url' as const, value })),
    ...(names.email ?? []).map((value) => ({ type: 'email' as const, value })),
    ...(names.ip ?? []).map((value) => ({ type: 'ip' as const, value })),
  ];
}

/**
 * The extensions of a PSD2 QWAC (ETSI TS 119 495 §5, ETSI EN 319 412-4): end entity, digitalSignature, the key
 * purposes, the QCP-w policy, QcCompliance + QcType web + the PSD2 QCStatement, and SANs when asked for.
 */
function tppExtensions(options: TppCertificateOptions, psd2: Psd2Attributes): x509.Extension[] {
  const purposes = options.keyPurposes ?? ['clientAuth', 'serverAuth'];
  const extensions = [
    new x509.BasicConstraintsExtension(false, undefined, false),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
    new x509.ExtendedKeyUsageExtension(purposes.map((purpose) => x509.ExtendedKeyUsage[purpose]), false),
    new x509.CertificatePolicyExtension([QCP_W_POLICY], false),
    new x509.Extension(QC_STATEMENTS_OID, false, encodeQcStatements(psd2)),
  ];
  const names = alternativeNames(options.subjectAltNames ?? {});
  if (names.length > 0) extensions.push(new x509.SubjectAlternativeNameExtension(names, false));
  return extensions;
}

async function describe(
  certificate: x509.X509Certificate,
  keys: CryptoKeyPair,
  profile: ResolvedTppProfile,
  issuerChainPem: string,
): Promise<IssuedCertificate> {
  const der = new Uint8Array(certificate.rawData);
  const certPem = certificatePem(certificate);
  return {
    keyPem: privateKeyPem(keys.privateKey),
    certPem,
    chainPem: certPem + issuerChainPem,
    certificate,
    publicJwk: await publicJwk(keys.publicKey, profile.keyType),
    thumbprintS256: certificateThumbprintS256(der),
    subjectDn: certificateSubjectDn(der),
    organizationIdentifier: profile.subject.organizationIdentifier,
    psd2: profile.psd2,
  };
}

/**
 * Issues a TPP certificate that looks like an eIDAS QWAC for PSD2 (ETSI TS 119 495): subject with
 * organizationIdentifier, the PSD2 QCStatement with roles and NCA, clientAuth for RFC 8705 mutual TLS.
 * Validity, key purposes and SANs are overridable so that tests can make bad certificates on purpose.
 */
export async function issueTppCertificate(
  ca: CertificateAuthority,
  options: TppCertificateOptions,
): Promise<IssuedCertificate> {
  const profile = resolveProfile(options);
  const keys = await generateKeyPair(profile.keyType);
  const certificate = await signCertificate(ca, {
    subject: profile.subject,
    publicKey: keys.publicKey,
    notBefore: profile.notBefore,
    notAfter: profile.notAfter,
    extensions: tppExtensions(options, profile.psd2),
  });
  return describe(certificate, keys, profile, ca.chainPem);
}

/**
 * Issues a self-signed certificate with the same subject and extensions, for `self_signed_tls_client_auth`
 * (RFC 8705 §2.2), where the key, not a CA, is what the server trusts.
 */
export async function issueSelfSignedCertificate(options: TppCertificateOptions): Promise<IssuedCertificate> {
  const profile = resolveProfile(options);
  const keys = await generateKeyPair(profile.keyType);
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    name: new x509.Name(subjectName(profile.subject)),
    keys,
    signingAlgorithm: CERTIFICATE_SIGNING[profile.keyType],
    notBefore: profile.notBefore,
    notAfter: profile.notAfter,
    extensions: [...tppExtensions(options, profile.psd2), await x509.SubjectKeyIdentifierExtension.create(keys.publicKey)],
  });
  return describe(certificate, keys, profile, '');
}
