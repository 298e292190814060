import { createPrivateKey, createPublicKey, KeyObject, type webcrypto } from 'node:crypto';
import { calculateJwkThumbprint, type JWK } from 'jose';
import { subtle, type CryptoKey, type CryptoKeyPair } from './x509-runtime.js';

/** Key types obas generates: RSA-2048 or EC P-256 (the keys FAPI's PS256 / ES256 need). */
export type KeyType = 'rsa' | 'ec';

const GENERATION: Readonly<Record<KeyType, webcrypto.RsaHashedKeyGenParams | webcrypto.EcKeyGenParams>> = {
  rsa: { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
  ec: { name: 'ECDSA', namedCurve: 'P-256' },
};

/** The certificate signature algorithm for a key type: sha256WithRSAEncryption or ecdsa-with-SHA256 (RFC 5758 §3.2). */
export const CERTIFICATE_SIGNING: Readonly<Record<KeyType, webcrypto.Algorithm & { hash: string }>> = {
  rsa: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
  ec: { name: 'ECDSA', hash: 'SHA-256' },
};

/** The JWS algorithm published for a key type (FAPI 1.0 Advanced §8.6, FAPI 2.0 Security Profile §5.4). */
const JWS_ALGORITHM: Readonly<Record<KeyType, 'PS256' | 'ES256'>> = { rsa: 'PS256', ec: 'ES256' };

/** A fresh extractable key pair of the given type. */
export async function generateKeyPair(type: KeyType): Promise<CryptoKeyPair> {
  return (await subtle.generateKey(GENERATION[type], true, ['sign', 'verify'])) as CryptoKeyPair;
}

/** The PKCS #8 PEM of a private key (RFC 7468 §10). */
export function privateKeyPem(privateKey: CryptoKey): string {
  return KeyObject.from(privateKey).export({ format: 'pem', type: 'pkcs8' }).toString();
}

/** Imports a PKCS #8 PEM private key as a signing key pair, with the key type it turned out to be. */
export async function importKeyPair(pem: string): Promise<{ readonly keys: CryptoKeyPair; readonly type: KeyType }> {
  const privateKeyObject = createPrivateKey(pem);
  const type = signingKeyType(privateKeyObject);
  const privateDer = privateKeyObject.export({ format: 'der', type: 'pkcs8' });
  const publicDer = createPublicKey(privateKeyObject).export({ format: 'der', type: 'spki' });
  const [privateKey, publicKey] = await Promise.all([
    subtle.importKey('pkcs8', privateDer, GENERATION[type], true, ['sign']),
    subtle.importKey('spki', publicDer, GENERATION[type], true, ['verify']),
  ]);
  return { keys: { privateKey, publicKey }, type };
}

function signingKeyType(keyObject: KeyObject): KeyType {
  if (keyObject.asymmetricKeyType === 'rsa') return 'rsa';
  if (keyObject.asymmetricKeyType === 'ec' && keyObject.asymmetricKeyDetails?.namedCurve === 'prime256v1') return 'ec';
  throw new Error('Unsupported signing key: expected RSA or EC P-256');
}

/** A public JWK with `kid` set to its RFC 7638 SHA-256 thumbprint, `alg` and `use: sig` (RFC 7517 §4). */
export async function publicJwk(publicKey: CryptoKey, type: KeyType): Promise<JWK> {
  const jwk = KeyObject.from(publicKey).export({ format: 'jwk' }) as JWK;
  return { ...jwk, kid: await calculateJwkThumbprint(jwk, 'sha256'), alg: JWS_ALGORITHM[type], use: 'sig' };
}
