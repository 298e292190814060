import type { X509Certificate } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import {
  BasicConstraints,
  Certificate,
  ExtendedKeyUsage,
  id_ce_authorityKeyIdentifier,
  id_ce_basicConstraints,
  id_ce_certificatePolicies,
  id_ce_extKeyUsage,
  id_ce_keyUsage,
  id_ce_subjectAltName,
  id_ce_subjectKeyIdentifier,
  KeyUsage,
  type Extension,
} from '@peculiar/asn1-x509';
import { QC_STATEMENTS_OID } from './qc-statement.js';

/** Extensions obas understands; a critical extension outside this set makes a certificate unusable (RFC 5280 §4.2). */
const RECOGNISED_EXTENSIONS = new Set([
  id_ce_basicConstraints,
  id_ce_keyUsage,
  id_ce_extKeyUsage,
  id_ce_subjectAltName,
  id_ce_subjectKeyIdentifier,
  id_ce_authorityKeyIdentifier,
  id_ce_certificatePolicies,
  QC_STATEMENTS_OID,
]);

/** What path validation needs to know of a certificate (RFC 5280 §6.1.3-4), read once from its DER. */
export interface CertificateFacts {
  /** Validity window in epoch milliseconds (RFC 5280 §4.1.2.5). */
  readonly notBefore: number;
  readonly notAfter: number;
  /** basicConstraints cA (RFC 5280 §4.2.1.9). */
  readonly isCa: boolean;
  /** pathLenConstraint; `undefined` when unlimited. */
  readonly pathLength: number | undefined;
  /** keyUsage bits (`KeyUsageFlags`); `undefined` when the extension is absent (RFC 5280 §4.2.1.3). */
  readonly keyUsage: number | undefined;
  /** extKeyUsage purposes; `undefined` when the extension is absent (RFC 5280 §4.2.1.12). */
  readonly extendedKeyUsages: readonly string[] | undefined;
  /** Critical extensions obas does not process. */
  readonly unrecognisedCritical: readonly string[];
  /** Subject and issuer names are the same bytes (RFC 5280 §6.1: self-issued). */
  readonly selfIssued: boolean;
}

/** The DER of a certificate parsed into its ASN.1 structure (RFC 5280 §4.1). Throws on malformed input. */
export function parseCertificateStructure(der: Uint8Array): Certificate {
  return AsnConvert.parse(der, Certificate);
}

/** The value of an extension of a parsed certificate, or `undefined` when absent. */
export function extensionValue(certificate: Certificate, oid: string): ArrayBuffer | undefined {
  const extension = certificate.tbsCertificate.extensions?.find(({ extnID }) => extnID === oid);
  return extension?.extnValue.buffer;
}

function readFacts(structure: Certificate): CertificateFacts {
  const { tbsCertificate } = structure;
  const value = (oid: string) => extensionValue(structure, oid);
  const basic = value(id_ce_basicConstraints);
  const constraints = basic === undefined ? undefined : AsnConvert.parse(basic, BasicConstraints);
  const keyUsage = value(id_ce_keyUsage);
  const extendedKeyUsage = value(id_ce_extKeyUsage);
  const extensions: readonly Extension[] = tbsCertificate.extensions ?? [];
  return {
    notBefore: tbsCertificate.validity.notBefore.getTime().getTime(),
    notAfter: tbsCertificate.validity.notAfter.getTime().getTime(),
    isCa: constraints?.cA ?? false,
    pathLength: constraints?.pathLenConstraint,
    keyUsage: keyUsage === undefined ? undefined : AsnConvert.parse(keyUsage, KeyUsage).toNumber(),
    extendedKeyUsages: extendedKeyUsage === undefined ? undefined : [...AsnConvert.parse(extendedKeyUsage, ExtendedKeyUsage)],
    unrecognisedCritical: extensions.filter((e) => e.critical && !RECOGNISED_EXTENSIONS.has(e.extnID)).map((e) => e.extnID),
    selfIssued: Buffer.from(AsnConvert.serialize(tbsCertificate.subject)).equals(
      Buffer.from(AsnConvert.serialize(tbsCertificate.issuer)),
    ),
  };
}

const factsByCertificate = new WeakMap<X509Certificate, CertificateFacts>();

/** The facts of a certificate, memoised per X509Certificate object. Throws when its extensions are malformed. */
export function certificateFacts(certificate: X509Certificate): CertificateFacts {
  let facts = factsByCertificate.get(certificate);
  if (facts === undefined) {
    facts = readFacts(parseCertificateStructure(certificate.raw));
    factsByCertificate.set(certificate, facts);
  }
  return facts;
}
