import { createPrivateKey, createPublicKey, generateKeyPair, type KeyObject } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { calculateJwkThumbprint, SignJWT, type JWK, type JWTPayload } from 'jose';
import { ensureFile } from '../pki/atomic-file.js';

/** The `iss` of every software statement the sandbox directory signs. */
export const SANDBOX_DIRECTORY_ISSUER = 'obas sandbox directory';

/** Where the front channel publishes the sandbox directory's JWK Set. */
export const SANDBOX_DIRECTORY_JWKS_PATH = '/sandbox-directory/jwks';

/**
 * The built-in stand-in for an ecosystem directory (the UK OB Directory, a national register): one RSA-2048 key that
 * signs software statement assertions with PS256, kept in `<dataDir>/directory/`.
 */
export interface SandboxDirectory {
  readonly issuer: string;
  /** The public key, with `kid` (RFC 7638 thumbprint), `alg` and `use`. */
  readonly publicJwk: JWK;
  /** Signs a software statement (RFC 7591 §2.3): `iss` is the sandbox issuer, `iat` now unless given. */
  sign(claims: JWTPayload, now: Date): Promise<string>;
}

const generateKeyPairAsync = promisify(generateKeyPair);
const KEY_FILE = 'sandbox-directory.key';

function isRsaSigningKey(pem: string): boolean {
  try {
    const key = createPrivateKey(pem);
    return key.asymmetricKeyType === 'rsa' && (key.asymmetricKeyDetails?.modulusLength ?? 0) >= 2048;
  } catch {
    return false;
  }
}

async function newKeyPem(): Promise<string> {
  const { privateKey } = await generateKeyPairAsync('rsa', { modulusLength: 2048 });
  return privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
}

/**
 * Opens the sandbox directory of a data directory, creating its key (mode 0600, in a 0700 directory) on first use.
 * Several processes (a server and `obas ssa issue`) may do this at once and end up with the same key.
 */
export async function openSandboxDirectory(dataDir: string): Promise<SandboxDirectory> {
  const directory = join(dataDir, 'directory');
  await mkdir(directory, { recursive: true, mode: 0o700 });
  const pem = await ensureFile(join(directory, KEY_FILE), { mode: 0o600, isValid: isRsaSigningKey, create: newKeyPem });
  const privateKey: KeyObject = createPrivateKey(pem);
  const members = createPublicKey(privateKey).export({ format: 'jwk' });
  const publicMembers: JWK = { kty: 'RSA', n: String(members.n), e: String(members.e) };
  const kid = await calculateJwkThumbprint(publicMembers, 'sha256');
  const publicJwk: JWK = Object.freeze({ ...publicMembers, kid, alg: 'PS256', use: 'sig' });
  return {
    issuer: SANDBOX_DIRECTORY_ISSUER,
    publicJwk,
    sign: (claims, now) =>
      new SignJWT({ iat: Math.floor(now.getTime() / 1000), ...claims, iss: SANDBOX_DIRECTORY_ISSUER })
        .setProtectedHeader({ alg: 'PS256', kid, typ: 'JWT' })
        .sign(privateKey),
  };
}
