import { createHash, randomBytes } from 'node:crypto';

/** The storage key of a token, code or secret-bearing handle: base64url SHA-256 of the string (DESIGN.md). */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** A new opaque handle of `bytes` random bytes (default 32 = 256 bits), base64url. */
export function randomHandle(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
