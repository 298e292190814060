import { hash } from 'node:crypto';

/** The RFC 8705 §3.1 `x5t#S256` value of a certificate: base64url (no padding) of SHA-256 over its DER encoding. */
export function certificateThumbprintS256(der: Uint8Array): string {
  return hash('sha256', der, 'base64url');
}
