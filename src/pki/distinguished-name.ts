import type { X509Certificate } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import { Certificate, type Name } from '@peculiar/asn1-x509';
import { attributeTypeName } from './dn-attribute-types.js';
import { decodeDerString } from './der-string.js';
import { parseDistinguishedName } from './dn-string-parser.js';

export type { DnAttribute, RelativeDistinguishedName } from './dn-attribute-types.js';
import type { DnAttribute, RelativeDistinguishedName } from './dn-attribute-types.js';

const ALWAYS_ESCAPED = /["+,;<>\\]/g;

function escapeValue(value: string): string {
  return value
    .replace(ALWAYS_ESCAPED, (char) => `\\${char}`)
    .replace(/[\u0000-\u001f\u007f]/g, (char) => `\\${char.charCodeAt(0).toString(16).padStart(2, '0')}`)
    .replace(/^([ #])/, '\\$1')
    .replace(/ $/, '\\ ');
}

function formatValue(value: string | Uint8Array): string {
  return typeof value === 'string' ? escapeValue(value) : `#${Buffer.from(value).toString('hex')}`;
}

function formatAttribute({ oid, value }: DnAttribute): string {
  return `${attributeTypeName(oid)}=${formatValue(value)}`;
}

/** RFC 4514 §2 string of RDNs given in string order: `,` between RDNs, `+` inside a multi-valued RDN. */
function formatDistinguishedName(rdns: readonly RelativeDistinguishedName[]): string {
  return rdns.map((rdn) => rdn.map(formatAttribute).join('+')).join(',');
}

/**
 * RDNs of an X.501 `Name` in RFC 4514 string order (RFC 4514 §2.1: the last RDN of the sequence comes first).
 * Values that are not character strings keep their DER bytes (rendered as `#hex`, RFC 4514 §2.4).
 */
export function nameToRdns(name: Name): RelativeDistinguishedName[] {
  return [...name].reverse().map((rdn) =>
    [...rdn].map(({ type, value }): DnAttribute => {
      const text =
        value.utf8String ??
        value.printableString ??
        value.ia5String ??
        value.teletexString ??
        value.bmpString ??
        value.universalString;
      if (text !== undefined) return { oid: type, value: text };
      const der = new Uint8Array(value.anyValue ?? new ArrayBuffer(0));
      return { oid: type, value: decodeDerString(der) ?? der };
    }),
  );
}

/**
 * The subject of a certificate (DER bytes or a node:crypto X509Certificate) as an RFC 4514 string, e.g.
 * `CN=tpp,organizationIdentifier=PSDGB-FCA-123456,O=Acme,C=GB`.
 */
export function certificateSubjectDn(certificate: X509Certificate | Uint8Array): string {
  const der = certificate instanceof Uint8Array ? certificate : certificate.raw;
  return formatDistinguishedName(nameToRdns(AsnConvert.parse(der, Certificate).tbsCertificate.subject));
}

function normalizeValue(value: string | Uint8Array): string | Uint8Array {
  if (typeof value !== 'string') return value;
  return value.normalize('NFKC').replace(/\s+/gu, ' ').trim().toLowerCase();
}

/**
 * The canonical form of RDNs used for comparison (RFC 4517 §4.2.15 distinguishedNameMatch with caseIgnoreMatch
 * values, prepared per RFC 4518): types by their canonical name, values Unicode-normalised (NFKC), insignificant
 * whitespace removed, case folded; the attributes of a multi-valued RDN sorted, as their order is not significant.
 */
export function normalizeRdns(rdns: readonly RelativeDistinguishedName[]): string {
  return rdns
    .map((rdn) =>
      rdn
        .map(({ oid, value }) => formatAttribute({ oid, value: normalizeValue(value) }))
        .sort()
        .join('+'),
    )
    .join(',');
}

/**
 * Normalises an RFC 4514 DN string so that two spellings of one name are equal strings: `2.5.4.97=x` and
 * `organizationIdentifier=X`, `CN=a  b, O=c` and `cn=A B,o=C`, escaped and unescaped forms. Throws a plain Error on a
 * string that is not a DN.
 */
export function normalizeDn(dn: string): string {
  return normalizeRdns(parseDistinguishedName(dn));
}

/** Whether two DN strings name the same entity, compared as RFC 8705 §2.1.2 requires (RFC 4514 / RFC 4517). */
export function sameDistinguishedName(a: string, b: string): boolean {
  return normalizeDn(a) === normalizeDn(b);
}
