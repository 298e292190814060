import { createPublicKey } from 'node:crypto';
import { isRecord } from '../shared/is-record.js';

/** Members that make a JWK private or symmetric (RFC 7518 §6.2.2, §6.3.2, §6.4.1). */
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'] as const;
/** EC curves FAPI signing uses (ES256; P-384 for ES384 peers). */
const ACCEPTED_CURVES: readonly string[] = ['P-256', 'P-384'];
const MIN_RSA_BITS = 2048;
const MAX_RSA_BITS = 16384;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/**
 * Why a JWK is not an acceptable public key for obas to verify with, or undefined when it is (RFC 7517 §4, RFC 7518
 * §6; FAPI 1.0 Advanced §8.6 and FAPI 2.0 SP §5.4: RSA keys of at least 2048 bits, EC keys on P-256 or P-384). A key
 * with a private or symmetric member, another key type or curve, or members that do not make a usable key is refused.
 * The reason is public text naming the member at fault, never the key material.
 */
export function jwkProblem(jwk: unknown): string | undefined {
  if (!isRecord(jwk)) return 'not a JWK object';
  const key = jwk as Record<string, unknown>;
  const secret = PRIVATE_MEMBERS.find((member) => member in key);
  if (secret !== undefined) return `has the private or symmetric member ${secret}; only public keys are accepted`;
  const kty = key['kty'];
  if (kty !== 'RSA' && kty !== 'EC') return `kty must be RSA or EC`;
  const members = kty === 'RSA' ? ['n', 'e'] : ['crv', 'x', 'y'];
  const bad = members.find((member) => typeof key[member] !== 'string' || (member !== 'crv' && !BASE64URL.test(key[member] as string)));
  if (bad !== undefined) return `${bad} must be a base64url string`;
  if (kty === 'EC' && !ACCEPTED_CURVES.includes(key['crv'] as string)) return `the curve must be ${ACCEPTED_CURVES.join(' or ')}`;
  if (kty === 'RSA' && (key['n'] as string).length > (MAX_RSA_BITS / 6) + 4) return `the RSA modulus is larger than ${MAX_RSA_BITS} bits`;
  let details;
  try {
    const publicMembers = Object.fromEntries(members.map((member) => [member, key[member] as string]));
    details = createPublicKey({ key: { kty, ...publicMembers }, format: 'jwk' }).asymmetricKeyDetails;
  } catch {
    return 'its members do not make a usable public key';
  }
  if (kty === 'RSA' && (details?.modulusLength ?? 0) < MIN_RSA_BITS) return `the RSA key has ${details?.modulusLength ?? 0} bits; at least ${MIN_RSA_BITS} are required`;
  return undefined;
}

/** Whether a JWK is an acceptable public key (see {@link jwkProblem}). */
export const isAcceptableJwk = (jwk: unknown): boolean => jwkProblem(jwk) === undefined;
