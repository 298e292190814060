import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify, type JWK, type JWTPayload } from 'jose';
import type { OAuthError } from '../errors/oauth-error.js';
import type { ReasonKey } from '../errors/reason-catalogue.js';
import { joseFailure, type JoseFailureKind } from '../tokens/jose-failure.js';

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
 * (RFC 7519 §4.1.4, §4.1.5). Errors of the key source itself (e.g. an unreachable JWKS URL) propagate unchanged.
 */
export async function verifyJwt(jwt: string, keys: KeySource, now: Date, failures: JwtFailures): Promise<JWTPayload> {
  const attempt = async (refresh: boolean) =>
    (
      await jwtVerify(jwt, createLocalJWKSet({ keys: [...(await keys(refresh))] }), {
        algorithms: [...REGISTRATION_ALGORITHMS],
        currentDate: now,
        clockTolerance: CLOCK_SKEW_SECONDS,
      })
    ).payload;
  try {
    try {
      return await attempt(false);
    } catch (error) {
      if ((error as { code?: string }).code !== 'ERR_JWKS_NO_MATCHING_KEY') throw error;
      return await attempt(true);
    }
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code !== 'string' || !code.startsWith('ERR_J')) throw error;
    const { kind, detail } = joseFailure(error);
    const outcomes: Record<JoseFailureKind, readonly [string, ReasonKey]> = {
      expired: [`The ${failures.name} has expired`, failures.expired],
      claim: [`A claim of the ${failures.name} is invalid`, failures.claim],
      malformed: [`The ${failures.name} is malformed`, failures.malformed],
      signature: [`The ${failures.name} signature does not verify`, failures.signature],
    };
    const [description, reason] = outcomes[kind];
    throw failures.error(description, reason, detail);
  }
}

/** `iat` (RFC 7519 §4.1.6): required, a number, and not in the future. */
export function checkIssuedAt(claims: JWTPayload, now: Date, failures: JwtFailures): void {
  if (claims.iat === undefined) throw failures.error(`The ${failures.name} has no iat claim`, failures.missing);
  if (claims.iat > now.getTime() / 1000 + CLOCK_SKEW_SECONDS) {
    throw failures.error(`The ${failures.name} is issued in the future`, failures.expired);
  }
}
