/**
 * Attribute types a distinguished name may spell by name instead of dotted OID. The first name of each entry is the
 * one obas prints: the RFC 4514 §3 short names where that table has one, otherwise the X.520 / PKCS #9 / CA/Browser
 * Forum name OpenSSL prints. Lookups by name are case-insensitive (RFC 4512 §1.4: descriptors are case-insensitive).
 */
const ATTRIBUTE_TYPES: ReadonlyArray<readonly [oid: string, ...names: string[]]> = [
  ['2.5.4.3', 'CN', 'commonName'],
  ['2.5.4.4', 'SN', 'surname'],
  ['2.5.4.5', 'serialNumber'],
  ['2.5.4.6', 'C', 'countryName'],
  ['2.5.4.7', 'L', 'localityName'],
  ['2.5.4.8', 'ST', 'stateOrProvinceName', 'S'],
  ['2.5.4.9', 'STREET', 'streetAddress'],
  ['2.5.4.10', 'O', 'organizationName'],
  ['2.5.4.11', 'OU', 'organizationalUnitName'],
  ['2.5.4.12', 'title'],
  ['2.5.4.15', 'businessCategory'],
  ['2.5.4.17', 'postalCode'],
  ['2.5.4.42', 'GN', 'givenName', 'G'],
  ['2.5.4.43', 'initials'],
  ['2.5.4.44', 'generationQualifier'],
  ['2.5.4.46', 'dnQualifier'],
  ['2.5.4.65', 'pseudonym'],
  ['2.5.4.97', 'organizationIdentifier'],
  ['0.9.2342.19200300.100.1.1', 'UID', 'userId'],
  ['0.9.2342.19200300.100.1.25', 'DC', 'domainComponent'],
  ['1.2.840.113549.1.9.1', 'emailAddress', 'E', 'email'],
  ['1.3.6.1.4.1.311.60.2.1.1', 'jurisdictionL', 'jurisdictionLocalityName'],
  ['1.3.6.1.4.1.311.60.2.1.2', 'jurisdictionST', 'jurisdictionStateOrProvinceName'],
  ['1.3.6.1.4.1.311.60.2.1.3', 'jurisdictionC', 'jurisdictionCountryName'],
];

const OID_BY_NAME = new Map<string, string>(
  ATTRIBUTE_TYPES.flatMap(([oid, ...names]) => names.map((name) => [name.toLowerCase(), oid] as const)),
);

const NAME_BY_OID = new Map<string, string>(ATTRIBUTE_TYPES.map(([oid, name]) => [oid, name ?? oid]));

const NUMERIC_OID = /^(?:0|[1-9]\d*)(?:\.(?:0|[1-9]\d*))+$/;

/** The `organizationIdentifier` attribute type (X.520, ETSI EN 319 412-1 §5.1.4). */
export const ORGANIZATION_IDENTIFIER_OID = '2.5.4.97';

/**
 * The OID of an RFC 4514 §3 `attributeType` (a descriptor or a numeric OID, optionally with the legacy `OID.` prefix),
 * or `undefined` when it is neither a known descriptor nor a well-formed numeric OID.
 */
export function attributeTypeOid(type: string): string | undefined {
  const numeric = type.replace(/^oid\./i, '');
  if (NUMERIC_OID.test(numeric)) return numeric;
  return OID_BY_NAME.get(type.toLowerCase());
}

/** The name obas prints for an attribute type OID: its short name when known, otherwise the dotted OID (RFC 4514 §2.3). */
export function attributeTypeName(oid: string): string {
  return NAME_BY_OID.get(oid) ?? oid;
}

/** One `AttributeTypeAndValue` (RFC 5280 §4.1.2.4): text for character strings, the DER bytes otherwise. */
export interface DnAttribute {
  readonly oid: string;
  readonly value: string | Uint8Array;
}

/** A relative distinguished name: one or more attributes (RFC 4514 §2.2 multi-valued RDNs). */
export type RelativeDistinguishedName = readonly DnAttribute[];
