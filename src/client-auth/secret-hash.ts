import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

const LOG_N = 15;
const BLOCK_SIZE = 8;
const PARALLELISM = 1;
const KEY_LENGTH = 32;
const MAX_MEMORY = 64 * 1024 * 1024;

function derive(secret: string, salt: Buffer, logN: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(secret, salt, KEY_LENGTH, { N: 2 ** logN, r, p, maxmem: MAX_MEMORY }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/**
 * Hashes a client secret with scrypt (RFC 7914) for storage: `scrypt$<logN>$<r>$<p>$<salt>$<hash>` (base64url parts).
 * DESIGN.md: secrets are hashed with a slow KDF so that a database dump gives nothing usable.
 */
export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(secret, salt, LOG_N, BLOCK_SIZE, PARALLELISM);
  return ['scrypt', LOG_N, BLOCK_SIZE, PARALLELISM, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Whether a stored hash string has the form {@link hashSecret} produces. */
export function isSecretHash(value: string): boolean {
  return parseHash(value) !== undefined;
}

/** Verifies a secret against a stored hash in constant time (in the secret's content). */
export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (parsed === undefined) return false;
  const key = await derive(secret, parsed.salt, parsed.logN, parsed.r, parsed.p);
  return key.length === parsed.hash.length && timingSafeEqual(key, parsed.hash);
}

function parseHash(stored: string) {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return undefined;
  const [logN, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  const salt = Buffer.from(parts[4] ?? '', 'base64url');
  const hash = Buffer.from(parts[5] ?? '', 'base64url');
  const valid =
    Number.isInteger(logN) && logN >= 14 && logN <= 20 && Number.isInteger(r) && r >= 8 && r <= 16 &&
    Number.isInteger(p) && p >= 1 && p <= 4 && salt.length >= 16 && hash.length === KEY_LENGTH;
  return valid ? { logN, r, p, salt, hash } : undefined;
}
