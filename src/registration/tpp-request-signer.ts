import { createPrivateKey, createPublicKey, randomUUID } from 'node:crypto';
import { calculateJwkThumbprint, decodeJwt, SignJWT, type JWK } from 'jose';

/** What a TPP signs to register under UK OB DCR v3.3. */
export interface TppRequestOptions {
  readonly softwareStatement: string;
  /** PKCS #8 PEM of the software's signing key (RSA → PS256, P-256 → ES256). */
  readonly keyPem: string;
  /** Default: the key's RFC 7638 thumbprint, which is the kid `obas pki issue-tpp` writes into jwks.json. */
  readonly kid?: string;
  /** The authorization server's issuer. */
  readonly audience: string;
  /** Client metadata to request (RFC 7591 §2). */
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly lifetimeSeconds: number;
}

/**
 * Signs a registration request as a TPP does for UK OB DCR v3.3: the metadata plus `iss` (the SSA's `software_id`),
 * `aud`, `iat`, `exp`, a fresh `jti` and the `software_statement`. For the sandbox and tests; a real TPP signs with
 * its own tooling.
 */
export async function signTppRegistrationRequest(options: TppRequestOptions, now: Date): Promise<string> {
  const softwareId = decodeJwt(options.softwareStatement)['software_id'];
  if (typeof softwareId !== 'string') throw new Error('the software statement has no software_id');
  const privateKey = createPrivateKey(options.keyPem);
  const alg = privateKey.asymmetricKeyType === 'ec' ? 'ES256' : 'PS256';
  const kid = options.kid ?? (await calculateJwkThumbprint(createPublicKey(privateKey).export({ format: 'jwk' }) as JWK));
  const iat = Math.floor(now.getTime() / 1000);
  return new SignJWT({ ...options.metadata, software_statement: options.softwareStatement })
    .setProtectedHeader({ alg, kid, typ: 'JWT' })
    .setIssuer(softwareId)
    .setAudience(options.audience)
    .setIssuedAt(iat)
    .setExpirationTime(iat + options.lifetimeSeconds)
    .setJti(randomUUID())
    .sign(privateKey);
}
