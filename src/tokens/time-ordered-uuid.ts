import { randomBytes } from 'node:crypto';

/**
 * A new UUID version 7 (RFC 9562 §5.7): `unixMs` in the first 48 bits, then 74 random bits. Its text sorts by time,
 * so rows keyed or indexed by such ids (grants, and the tokens that name their grant) are appended to the end of an
 * index rather than written to a random page of it. The time it shows is no secret: a token's `iat` shows it too.
 */
export function timeOrderedUuid(unixMs: number): string {
  const bytes = randomBytes(16);
  bytes.writeUIntBE(unixMs, 0, 6);
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x70;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
