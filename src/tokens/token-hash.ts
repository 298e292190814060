import { createHash, randomFillSync } from 'node:crypto';

/** The storage key of a token, code or secret-bearing handle: base64url SHA-256 of the string (DESIGN.md). */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

const ISSUE_TIME_BYTES = 6;
const ISSUE_TIME_CHARS = 8;
const OPAQUE_ACCESS_TOKEN_CHARS = 51;

/**
 * A new opaque access token: the issue time (milliseconds, 48-bit big-endian) followed by 256 random bits, base64url
 * (51 characters). The time prefix carries no secret — the token's `iat` is public in a JWT too — and makes storage
 * keys ({@link accessTokenKey}) grow with time, so that storing a token appends to an index instead of dirtying a
 * random page of it on every insert.
 */
export function newOpaqueAccessToken(issuedAtMs: number): string {
  const issueTime = Buffer.alloc(ISSUE_TIME_BYTES);
  issueTime.writeUIntBE(issuedAtMs, 0, ISSUE_TIME_BYTES);
  return issueTime.toString('base64url') + randomHandle();
}

/**
 * The storage key of an access token: for opaque tokens from {@link newOpaqueAccessToken}, their issue time in hex
 * (which sorts like the time, unlike base64url) followed by the SHA-256 of the whole token; for JWTs (and opaque tokens
 * of earlier versions), the SHA-256 alone. A key gives nothing usable to whoever reads the database, like
 * {@link hashToken}.
 */
export function accessTokenKey(token: string): string {
  const hash = hashToken(token);
  if (token.length !== OPAQUE_ACCESS_TOKEN_CHARS || token.includes('.')) return hash;
  return Buffer.from(token.slice(0, ISSUE_TIME_CHARS), 'base64url').toString('hex') + hash;
}

const POOL_SIZE = 8192;
const pool = Buffer.allocUnsafe(POOL_SIZE);
let offset = POOL_SIZE;

/**
 * A new opaque handle of `bytes` random bytes (default 32 = 256 bits), base64url. Bytes come from the CSPRNG through a
 * pool refilled 8 KiB at a time (one `randomFillSync` per 256 tokens instead of one per token); every byte is used once.
 */
export function randomHandle(bytes = 32): string {
  if (bytes > POOL_SIZE) throw new RangeError('handle too large');
  if (offset + bytes > POOL_SIZE) {
    randomFillSync(pool);
    offset = 0;
  }
  const handle = pool.toString('base64url', offset, offset + bytes);
  pool.fill(0, offset, offset + bytes);
  offset += bytes;
  return handle;
}
