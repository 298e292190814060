const BYTE_SEQUENCE = /^:([A-Za-z0-9+/]*={0,2}):$/;

function decodeByteSequence(member: string): Buffer {
  const match = BYTE_SEQUENCE.exec(member);
  if (match === null) throw new Error('Client certificate header member is not a structured-field byte sequence');
  const base64 = match[1] as string;
  if (base64.length === 0) throw new Error('Client certificate header member is empty');
  if (base64.replace(/=+$/, '').length % 4 === 1) throw new Error('Client certificate header member is truncated base64');
  return Buffer.from(base64, 'base64');
}

/**
 * Decodes the RFC 9440 §2.2-2.3 `Client-Cert` / `Client-Cert-Chain` header value: an RFC 8941 §3.3.5 byte sequence
 * (`:base64:`) or a comma-separated list of them, each the DER of a certificate. Returns the DER buffers in order;
 * throws a plain Error on anything else (parameters included: RFC 9440 defines none).
 */
export function parseCertificateHeader(value: string): Buffer[] {
  const members = value.split(',').map((member) => member.trim());
  if (members.length === 0 || (members.length === 1 && members[0] === '')) {
    throw new Error('Client certificate header is empty');
  }
  return members.map(decodeByteSequence);
}

/** The one certificate of an RFC 9440 §2.2 `Client-Cert` header (an Item, not a list). */
export function parseClientCertHeader(value: string): Buffer {
  const [certificate, ...rest] = parseCertificateHeader(value);
  if (certificate === undefined || rest.length > 0) throw new Error('Client-Cert carries more than one certificate');
  return certificate;
}
