import { hash } from 'node:crypto';
import { constantTimeEqual } from '../tokens/token-hash.js';

/** RFC 7636 §4.2: an S256 challenge is the base64url SHA-256 of the verifier: 43 characters. */
export const S256_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

/** RFC 7636 §4.1: 43–128 characters of the unreserved set. */
const CODE_VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;

/** Whether `verifier` is well formed and hashes (S256, RFC 7636 §4.6) to `challenge`; constant time in the hash. */
export function verifierMatches(verifier: string, challenge: string): boolean {
  if (!CODE_VERIFIER.test(verifier)) return false;
  return constantTimeEqual(hash('sha256', Buffer.from(verifier, 'ascii'), 'base64url'), challenge);
}
