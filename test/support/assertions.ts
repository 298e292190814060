import { randomUUID } from 'node:crypto';
import { SignJWT, type JWTPayload } from 'jose';
import type { ClientSigningKey } from './tpp-fixtures.js';

/** Claims of a valid client assertion for `clientId` at `audience`, to be altered by a test. */
export function assertionClaims(clientId: string, audience: string | string[], lifetimeSeconds = 60): JWTPayload {
  const now = Math.floor(Date.now() / 1000);
  return { iss: clientId, sub: clientId, aud: audience, iat: now, exp: now + lifetimeSeconds, jti: randomUUID() };
}

/** Signs a client assertion with the given key and algorithm. */
export function signAssertion(key: ClientSigningKey, claims: JWTPayload, alg = key.publicJwk.alg ?? 'PS256'): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg, kid: key.kid }).sign(key.privateKey);
}

/** An unsigned JWT (`alg: none`), which must never authenticate anyone. */
export function unsignedAssertion(claims: JWTPayload): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({ alg: 'none' })}.${encode(claims)}.`;
}

/** Form body of a private_key_jwt client_credentials request. */
export function assertionForm(assertion: string, extra: Record<string, string> = {}): string {
  return new URLSearchParams({
    grant_type: 'client_credentials',
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: assertion,
    ...extra,
  }).toString();
}
