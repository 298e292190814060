import { createHash, createPrivateKey, createPublicKey, generateKeyPair, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import type { JWK } from 'jose';
import type { SigningAlg } from '../protocol/signing-algorithms.js';

/**
 * A JWS signing key of this server (RFC 7515 §5.1), used for ID tokens and JWT access tokens (RFC 9068 §2.1).
 * PS256 keys are RSA-2048 (RFC 7518 §3.5), ES256 keys are P-256 (RFC 7518 §3.4), as FAPI 1.0 Advanced §8.6 and
 * FAPI 2.0 Security Profile §5.4 require.
 */
export interface SigningKey {
  /** RFC 7638 JWK thumbprint (SHA-256, base64url) of the public key; the JWS `kid` header (RFC 7515 §4.1.4). */
  readonly kid: string;
  /** The one JWS `alg` (RFC 7515 §4.1.1) this key signs with. */
  readonly alg: SigningAlg;
  /** Signs; never leaves the process except in its 0600 key file. */
  readonly privateKey: KeyObject;
  /** Verifies tokens this server signed. */
  readonly publicKey: KeyObject;
  /** Frozen public JWK as published in the JWKS: public members plus `kid`, `use: "sig"`, `alg` (RFC 7517 §4). */
  readonly publicJwk: JWK;
  readonly createdAt: Date;
  /** Set once the key stopped signing; it stays published for the configured window after this instant. */
  readonly retiredAt?: Date;
}

/** Freshly generated key material, as stored in a key file. */
export interface GeneratedKeyMaterial {
  readonly kid: string;
  readonly privateJwk: JWK;
}

/** Metadata that accompanies a private JWK in its key file. */
export interface SigningKeyMetadata {
  readonly kid: string;
  readonly alg: SigningAlg;
  readonly createdAt: Date;
  readonly retiredAt?: Date;
}

const generateKeyPairAsync = promisify(generateKeyPair);
const RSA_MODULUS_BITS = 2048;
const P256_OPENSSL_NAME = 'prime256v1';

/** RFC 7638 §3.2 thumbprint over the required members of an RSA or EC public JWK, in lexicographic order. */
export function jwkThumbprint(jwk: JWK): string {
  const requiredMembers =
    jwk.kty === 'RSA' ? { e: jwk.e, kty: jwk.kty, n: jwk.n } : { crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y };
  return createHash('sha256').update(JSON.stringify(requiredMembers)).digest('base64url');
}

/** Generates an RSA-2048 (PS256) or P-256 (ES256) key pair and returns its private JWK and RFC 7638 kid. */
export async function generateKeyMaterial(alg: SigningAlg): Promise<GeneratedKeyMaterial> {
  const { privateKey } =
    alg === 'PS256'
      ? await generateKeyPairAsync('rsa', { modulusLength: RSA_MODULUS_BITS })
      : await generateKeyPairAsync('ec', { namedCurve: P256_OPENSSL_NAME });
  const privateJwk = privateKey.export({ format: 'jwk' }) as JWK;
  return { kid: jwkThumbprint(publicMembers(alg, createPublicKey(privateKey))), privateJwk };
}

/**
 * Turns a stored private JWK into a {@link SigningKey}, checking that the key type and size fit `alg` and that the
 * stored kid is the key's RFC 7638 thumbprint. Throws an Error naming `source` (never key material) otherwise.
 */
export function signingKeyFromJwk(privateJwk: JWK, metadata: SigningKeyMetadata, source: string): SigningKey {
  const privateKey = createPrivateKey({ key: privateJwk, format: 'jwk' });
  if (privateKey.type !== 'private') throw new Error(`${source}: not a private key`);
  assertKeyFitsAlg(privateKey, metadata.alg, source);
  const publicKey = createPublicKey(privateKey);
  const members = publicMembers(metadata.alg, publicKey);
  if (jwkThumbprint(members) !== metadata.kid) throw new Error(`${source}: kid is not the key's RFC 7638 thumbprint`);
  const publicJwk: JWK = Object.freeze({ ...members, kid: metadata.kid, use: 'sig', alg: metadata.alg });
  const key = { kid: metadata.kid, alg: metadata.alg, privateKey, publicKey, publicJwk, createdAt: metadata.createdAt };
  return Object.freeze(metadata.retiredAt === undefined ? key : { ...key, retiredAt: metadata.retiredAt });
}

function assertKeyFitsAlg(privateKey: KeyObject, alg: SigningAlg, source: string): void {
  const details = privateKey.asymmetricKeyDetails;
  const fits =
    alg === 'PS256'
      ? privateKey.asymmetricKeyType === 'rsa' && (details?.modulusLength ?? 0) >= RSA_MODULUS_BITS
      : privateKey.asymmetricKeyType === 'ec' && details?.namedCurve === P256_OPENSSL_NAME;
  if (!fits) throw new Error(`${source}: key type does not fit ${alg}`);
}

function publicMembers(alg: SigningAlg, publicKey: KeyObject): JWK {
  const exported = publicKey.export({ format: 'jwk' });
  return alg === 'PS256'
    ? { kty: 'RSA', n: String(exported.n), e: String(exported.e) }
    : { kty: 'EC', crv: 'P-256', x: String(exported.x), y: String(exported.y) };
}
