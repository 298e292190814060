import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify, type JWK, type JWTPayload } from 'jose';
import type { OAuthError } from '../errors/oauth-error.js';
import type { ReasonKey } from '../errors/reason-catalogue.js';
import { joseFailure, type JoseFailureKind } from '../tokens/jose-failure.js';
import { isAcceptableJwk } from '../pki/key-strength.js';

/** Keys that may have signed a JWT; asked again with `refresh` when the JWT names a `kid` that is not among them. */
export type KeySource = (refresh: boolean) => Promise<readonly JWK[]>;

/** The JWS algorithms registration accepts, for software statements and request JWTs alike (FAPI: PS256, ES256). */
const REGISTRATION_ALGORITHMS: readonly string[] = ['PS256', 'ES256'];

/** Tolerated clock difference for `iat`, `exp` and `nbf`. */
export const CLOCK_SKEW_SECONDS = 10;

/** The reasons a JWT failure maps to, and how to build the error for it. */
export interface JwtFailures {
  readonly name: string;
  readonly malformed: ReasonKey;
  readonly signature: ReasonKey;
  readonly expired: ReasonKey;
  readonly claim: ReasonKey;
  readonly missing: ReasonKey;
  error(description: string, reason: ReasonKey, detail?: string): OAuthError;
}

/**
 * Reads a JWT's header and claims without verifying it, to find out who claims to have signed it. Refuses anything
 * but a compact JWS with PS256 or ES256 (RFC 7515 §7.1; FAPI 1.0 Advanced §8.6, FAPI 2.0 SP §5.4).
 */
export function peekJwt(jwt: string, failures: JwtFailures): JWTPayload {
  let alg: unknown;
  let claims: JWTPayload;
  try {
    alg = decodeProtectedHeader(jwt).alg;
    claims = decodeJwt(jwt);
  } catch (error) {
    throw failures.error(`The ${failures.name} is not a well-formed JWT`, failures.malformed, String(error));
  }
  if (typeof alg !== 'string' || !REGISTRATION_ALGORITHMS.includes(alg)) {
    const shown = typeof alg === 'string' ? alg.slice(0, 20).replace(/[^A-Za-z0-9]/g, '') : 'no';
    throw failures.error(`The ${failures.name} is signed with ${shown} algorithm; PS256 or ES256 is required`, failures.malformed);
  }
  return claims;
}

/**
 * Verifies a JWT's signature against a key source (refreshed once when no key matches) and its `exp`/`nbf` at `now`
 * (RFC 7519 §4.1.4, §4.1.5). Only acceptable keys (`jwkProblem`: RSA ≥ 2048 bits, EC P-256/P-384, public, usable)
 * are tried, so a weak or malformed key makes the signature fail to verify rather than the request fail. Errors of the
 * key source itself (e.g. an unreachable JWKS URL) propagate unchanged.
 */
export async function verifyJwt(jwt: string, keys: KeySource, now: Date, failures: JwtFailures): Promise<JWTPayload> {
  const first = await keys(false);
  try {
    return await verifyWith(jwt, first, now);
  } catch (error) {
    if ((error as { code?: string }).code !== 'ERR_JWKS_NO_MATCHING_KEY') throw failureOf(error, failures);
  }
  const refreshed = await keys(true);
  try {
    return await verifyWith(jwt, refreshed, now);
  } catch (error) {
    throw failureOf(error, failures);
  }
}

async function verifyWith(jwt: string, keys: readonly JWK[], now: Date): Promise<JWTPayload> {
  const usable = createLocalJWKSet({ keys: keys.filter(isAcceptableJwk) });
  const options = { algorithms: [...REGISTRATION_ALGORITHMS], currentDate: now, clockTolerance: CLOCK_SKEW_SECONDS };
  return (await jwtVerify(jwt, usable, options)).payload;
}

/** A jose failure as the caller's error; anything else jose throws about a key (a TypeError) is a failed signature. */
function failureOf(error: unknown, failures: JwtFailures): OAuthError {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('ERR_J')) {
    return failures.error(`The ${failures.name} signature does not verify`, failures.signature, String(error));
  }
  const { kind, detail } = joseFailure(error);
  const outcomes: Record<JoseFailureKind, readonly [string, ReasonKey]> = {
    expired: [`The ${failures.name} has expired`, failures.expired],
    claim: [`A claim of the ${failures.name} is invalid`, failures.claim],
    malformed: [`The ${failures.name} is malformed`, failures.malformed],
    signature: [`The ${failures.name} signature does not verify`, failures.signature],
  };
  const [description, reason] = outcomes[kind];
  return failures.error(description, reason, detail);
}

/** `iat` (RFC 7519 §4.1.6): required, a number, and not in the future. */
export function checkIssuedAt(claims: JWTPayload, now: Date, failures: JwtFailures): void {
  if (claims.iat === undefined) throw failures.error(`The ${failures.name} has no iat claim`, failures.missing);
  if (claims.iat > now.getTime() / 1000 + CLOCK_SKEW_SECONDS) {
    throw failures.error(`The ${failures.name} is issued in the future`, failures.expired);
  }
}
