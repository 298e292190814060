import { hash, randomFillSync, timingSafeEqual } from 'node:crypto';

/** The storage key of a token, code or secret-bearing handle: base64url SHA-256 of the string (DESIGN.md). */
export function hashToken(token: string): string {
  return hash('sha256', token, 'base64url');
}

/**
 * Whether two strings are equal, comparing their bytes in constant time (the length may show: callers compare
 * hashes, codes or tokens of a fixed length). `undefined` never matches.
 */
export function constantTimeEqual(a: string, b: string | undefined): boolean {
  if (b === undefined) return false;
  const [left, right] = [Buffer.from(a), Buffer.from(b)];
  return left.length === right.length && timingSafeEqual(left, right);
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
