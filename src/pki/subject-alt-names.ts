import { AsnConvert } from '@peculiar/asn1-schema';
import { id_ce_subjectAltName, SubjectAlternativeName, type Certificate } from '@peculiar/asn1-x509';
import type { SubjectAltNames } from './client-certificate.js';
import { extensionValue } from './certificate-facts.js';

/** IPv6 in the RFC 5952 §4 text form (lower case, longest zero run compressed), IPv4 dotted; anything else as is. */
export function canonicalIp(address: string): string {
  if (!address.includes(':')) return address;
  try {
    return new URL(`http://[${address}]/`).hostname.slice(1, -1);
  } catch {
    return address;
  }
}

/**
 * The dNSName, uniformResourceIdentifier, iPAddress and rfc822Name entries of the subjectAltName extension
 * (RFC 5280 §4.2.1.6), the four kinds RFC 8705 §2.1.2 lets a client register. Other kinds are ignored.
 */
export function subjectAltNames(certificate: Certificate): SubjectAltNames {
  const names: { dns: string[]; uri: string[]; ip: string[]; email: string[] } = { dns: [], uri: [], ip: [], email: [] };
  const value = extensionValue(certificate, id_ce_subjectAltName);
  if (value === undefined) return names;
  for (const name of AsnConvert.parse(value, SubjectAlternativeName)) {
    if (name.dNSName !== undefined) names.dns.push(name.dNSName);
    if (name.uniformResourceIdentifier !== undefined) names.uri.push(name.uniformResourceIdentifier);
    if (name.iPAddress !== undefined) names.ip.push(canonicalIp(name.iPAddress));
    if (name.rfc822Name !== undefined) names.email.push(name.rfc822Name);
  }
  return names;
}
