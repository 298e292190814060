import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify, type JWK, type JWTPayload, type JWTVerifyGetKey, type ProtectedHeaderParameters } from 'jose';
import type { OAuthError } from '../errors/oauth-error.js';
import type { ReasonKey } from '../errors/reason-catalogue.js';
import { isAcceptableJwk } from '../pki/key-strength.js';
import type { ReplayCacheRepository } from '../storage/ports.js';
import { CLOCK_SKEW_SECONDS } from './clock-skew.js';
import { joseFailure, type JoseFailureKind } from './jose-failure.js';
import { SIGNING_ALGS } from './signing-algorithms.js';

/**
 * Keys that may have signed a JWT; asked again with `refresh` when the JWT names a `kid` (or key type) found in none of
 * them, so that a client that rotated its `jwks_uri` keys is seen at once. Errors of the source itself (an unreachable
 * JWKS URL) propagate unchanged for the caller to report.
 */
export type KeySource = (refresh: boolean) => Promise<readonly JWK[]>;

/** The reasons each kind of failure maps to for one caller, and how that caller builds its error. */
export interface JwtFailures {
  /** What the JWT is called in failure texts, e.g. `client assertion`. */
  readonly name: string;
  readonly malformed: ReasonKey;
  readonly signature: ReasonKey;
  readonly expired: ReasonKey;
  readonly claim: ReasonKey;
  readonly missing: ReasonKey;
  /** The reason of a `jti` seen before; needed with {@link ClientJwtRules.singleUse}. */
  readonly replayed?: ReasonKey;
  error(description: string, reason: ReasonKey, detail?: string): OAuthError;
}

/** Registered claims (RFC 7519 §4.1) a caller may require. */
export type RegisteredClaim = 'iss' | 'sub' | 'aud' | 'exp' | 'nbf' | 'iat' | 'jti';

/** Where a JWT's `jti` is claimed once across processes (RFC 7519 §4.1.7), and under which name. */
export interface SingleUse {
  readonly replay: ReplayCacheRepository;
  readonly namespace: string;
  /** Prefix of the stored id, so that two issuers' `jti` values never collide (e.g. the client_id). */
  readonly scope: string;
}

/** One caller's rules: the checks every client JWT gets are fixed; these are what callers differ in. */
export interface ClientJwtRules {
  readonly failures: JwtFailures;
  /** The `alg` the client registered for this kind of JWT, when it registered one; any other is refused. */
  readonly registeredAlg?: string;
  /** The `typ` header the JWT must carry (RFC 8725 §3.11), compared without case and without an `application/` prefix. */
  readonly typ?: string;
  readonly requiredClaims?: readonly RegisteredClaim[];
  /** Longest accepted `exp - now`, seconds. */
  readonly maxLifetimeSeconds?: number;
  /** The caller's own claim checks (`iss`, `aud`, …), run after the common ones and before the `jti` is claimed. */
  readonly checkClaims?: (claims: JWTPayload) => void;
  /** Claims the `jti` once; a second use is refused with {@link JwtFailures.replayed}. Implies a required `jti` and `exp`. */
  readonly singleUse?: SingleUse;
}

const JTI_MAX_LENGTH = 256;
const keySets = new WeakMap<readonly JWK[], JWTVerifyGetKey>();

/**
 * Reads a JWT's header and claims without verifying it, to learn who claims to have signed it. Refuses anything but a
 * compact JWS signed with PS256 or ES256 (RFC 7515 §7.1; FAPI 1.0 Advanced §8.6, FAPI 2.0 SP §5.4: no `none`, RS256 or
 * symmetric algorithms), another `alg` than the registered one, and a missing or wrong `typ` where one is required.
 */
export function peekJwt(jwt: string, rules: ClientJwtRules): { readonly header: ProtectedHeaderParameters; readonly claims: JWTPayload } {
  const { failures } = rules;
  let header: ProtectedHeaderParameters;
  let claims: JWTPayload;
  try {
    header = decodeProtectedHeader(jwt);
    claims = decodeJwt(jwt);
  } catch (error) {
    throw failures.error(`The ${failures.name} is not a well-formed JWT`, failures.malformed, String(error));
  }
  const alg = typeof header.alg === 'string' ? header.alg : undefined;
  if (alg === undefined || !(SIGNING_ALGS as readonly string[]).includes(alg)) {
    const shown = alg === undefined ? 'no algorithm' : alg.replace(/[^A-Za-z0-9]/g, '?').slice(0, 20);
    throw failures.error(`The ${failures.name} must be signed with PS256 or ES256, not ${shown}`, failures.malformed);
  }
  if (rules.registeredAlg !== undefined && alg !== rules.registeredAlg) {
    throw failures.error(`The ${failures.name} must be signed with ${rules.registeredAlg}, the registered algorithm`, failures.malformed);
  }
  if (rules.typ !== undefined && !sameType(header.typ, rules.typ)) {
    throw failures.error(`The ${failures.name} must have typ ${rules.typ}`, failures.malformed);
  }
  return { header, claims };
}

/**
 * Verifies a JWT a client (or its software's directory) signed: {@link peekJwt}'s checks, the signature with a key of
 * `keys` (refreshed once when none matches; only acceptable keys — RSA ≥ 2048 bits, EC P-256/P-384 — are tried),
 * `exp`/`nbf` at `now` with {@link CLOCK_SKEW_SECONDS} (RFC 7519 §4.1.4–5), the required claims, `iat` not in the
 * future, the lifetime bound, a `jti` of 1–256 characters, the caller's checks, and last the single use of the `jti`.
 */
export async function verifyClientJwt(jwt: string, keys: KeySource, now: Date, rules: ClientJwtRules): Promise<JWTPayload> {
  peekJwt(jwt, rules);
  const claims = await verifySignature(jwt, keys, now, rules.failures);
  checkCommonClaims(claims, now, rules);
  rules.checkClaims?.(claims);
  if (rules.singleUse !== undefined) await claimOnce(claims, now, rules.singleUse, rules.failures);
  return claims;
}

async function verifySignature(jwt: string, keys: KeySource, now: Date, failures: JwtFailures): Promise<JWTPayload> {
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
  let keySet = keySets.get(keys);
  if (keySet === undefined) {
    keySet = createLocalJWKSet({ keys: keys.filter(isAcceptableJwk) });
    keySets.set(keys, keySet);
  }
  const options = { algorithms: [...SIGNING_ALGS], currentDate: now, clockTolerance: CLOCK_SKEW_SECONDS };
  return (await jwtVerify(jwt, keySet, options)).payload;
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
    claim: [`The ${failures.name} is not valid yet, or a claim has the wrong type`, failures.claim],
    malformed: [`The ${failures.name} is malformed`, failures.malformed],
    signature: [`The ${failures.name} signature does not verify with a key of its signer`, failures.signature],
  };
  const [description, reason] = outcomes[kind];
  return failures.error(description, reason, detail);
}

function checkCommonClaims(claims: JWTPayload, now: Date, rules: ClientJwtRules): void {
  const { failures } = rules;
  const required = new Set<RegisteredClaim>([...(rules.requiredClaims ?? []), ...(rules.singleUse === undefined ? [] : (['exp', 'jti'] as const))]);
  for (const name of required) {
    if (claims[name] === undefined) throw failures.error(`The ${failures.name} has no ${name} claim`, failures.missing);
  }
  const nowSeconds = now.getTime() / 1000;
  if (claims.iat !== undefined && claims.iat > nowSeconds + CLOCK_SKEW_SECONDS) {
    throw failures.error(`The ${failures.name} is issued in the future`, failures.expired);
  }
  if (rules.maxLifetimeSeconds !== undefined && claims.exp !== undefined && claims.exp - nowSeconds > rules.maxLifetimeSeconds + CLOCK_SKEW_SECONDS) {
    throw failures.error(`The ${failures.name} lives too long (exp at most ${rules.maxLifetimeSeconds} s ahead)`, failures.expired);
  }
  if (claims.jti !== undefined && (typeof claims.jti !== 'string' || claims.jti.length === 0 || claims.jti.length > JTI_MAX_LENGTH)) {
    throw failures.error(`The ${failures.name} jti must be a string of 1 to ${JTI_MAX_LENGTH} characters`, failures.claim);
  }
}

async function claimOnce(claims: JWTPayload, now: Date, singleUse: SingleUse, failures: JwtFailures): Promise<void> {
  const expiresAt = new Date(((claims.exp as number) + CLOCK_SKEW_SECONDS) * 1000);
  const first = await singleUse.replay.claimOnce(singleUse.namespace, `${singleUse.scope}:${claims.jti as string}`, expiresAt, now);
  if (!first) throw failures.error(`The ${failures.name} was already used`, failures.replayed ?? failures.claim);
}

function sameType(actual: unknown, expected: string): boolean {
  if (typeof actual !== 'string') return false;
  const bare = (value: string) => value.toLowerCase().replace(/^application\//, '');
  return bare(actual) === bare(expected);
}
