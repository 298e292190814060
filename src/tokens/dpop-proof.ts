import { createPublicKey, type KeyObject } from 'node:crypto';
import { compactVerify, type JWK } from 'jose';
import { invalidDpopProof, useDpopNonce } from '../errors/error-factories.js';
import { jwkProblem } from '../pki/key-strength.js';
import { CLOCK_SKEW_SECONDS } from '../protocol/clock-skew.js';
import { SIGNING_ALGS, type SigningAlg } from '../protocol/signing-algorithms.js';
import { isRecord } from '../shared/is-record.js';
import type { ReplayCacheRepository } from '../storage/ports.js';
import type { DpopNonces } from './dpop-nonces.js';
import { sameHtu } from './dpop-htu.js';
import { jwkThumbprint } from './key-material.js';
import { constantTimeEqual, hashToken } from './token-hash.js';

/** Settings of {@link createDpopProofVerifier}. */
export interface DpopProofSettings {
  /** How long after its `iat` a proof is still accepted, seconds (RFC 9449 §11.1 "acceptable window"). Default 60. */
  readonly iatWindowSeconds?: number;
  /** How far the client's clock may differ from obas's, seconds, either way. Default 10 (`CLOCK_SKEW_SECONDS`). */
  readonly clockSkewSeconds?: number;
}

/** The request a DPoP proof must fit (RFC 9449 §4.3). */
export interface DpopRequest {
  /** The HTTP method, as received (`POST`); the proof's `htm` must equal it. */
  readonly method: string;
  /**
   * The absolute URI the client sent the request to (the issuer's or mTLS alias's origin plus the path): the proof's
   * `htu` must name it, both compared without query and fragment, normalized per RFC 3986 §6.2.2 and §6.2.3.
   */
  readonly url: string;
  /** The access token sent with the proof (resource servers, RFC 9449 §7.1): then `ath` is required and must match. */
  readonly accessToken?: string;
  /** Set when this server requires a nonce here (RFC 9449 §8, §9): the proof's `nonce` must be one these accept. */
  readonly nonces?: DpopNonces;
}

/** A verified DPoP proof: the key it proves possession of. */
export interface DpopProof {
  /** RFC 7638 SHA-256 thumbprint (base64url) of the proof's key: the `jkt` of `cnf` (RFC 9449 §6.1) and of `dpop_jkt`. */
  readonly jkt: string;
  /** The proof's public key: its required RFC 7638 members only. */
  readonly jwk: JWK;
}

/** Verifies DPoP proofs (RFC 9449 §4.3) and claims each one's `jti` once across every process on the database. */
export interface DpopProofVerifier {
  /**
   * Checks `proof` (the value of the request's one DPoP header, see {@link singleDpopHeader}; undefined when it has
   * none) against every rule of RFC 9449 §4.3, then claims its `jti`. Rejects with `invalid_dpop_proof` (400) naming
   * the rule broken, or `use_dpop_nonce` (400, with `DPoP-Nonce`) when a required nonce is missing or stale; a
   * resource server turns either into a 401 challenge with `asResourceServerError` (dpop-challenge.ts).
   */
  verify(proof: string | undefined, request: DpopRequest, now: Date): Promise<DpopProof>;
}

const DEFAULT_IAT_WINDOW_SECONDS = 60;
const MAX_PROOF_CHARS = 8192;
const JTI_MAX_LENGTH = 256;
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
const DPOP_TYPE = 'dpop+jwt';
/** The namespace of proof `jti` values in the replay cache. */
const REPLAY_NAMESPACE = 'dpop';

interface ProofKey {
  readonly alg: SigningAlg;
  readonly jwk: JWK;
  readonly key: KeyObject;
}

/**
 * The one DPoP proof of a request (RFC 9449 §4.3: "not more than one DPoP HTTP request header field"), from the header
 * as the HTTP layer read it: several values, or one value holding a comma (how Node joins repeated headers; a compact
 * JWS never has one), are refused with `invalid_dpop_proof`. Undefined when the request has no DPoP header.
 */
export function singleDpopHeader(value: string | readonly string[] | undefined): string | undefined {
  const values = typeof value === 'string' ? [value] : (value ?? []);
  if (values.length > 1 || values.some((one) => one.includes(','))) {
    throw invalidDpopProof('The request must carry exactly one DPoP header', 'dpop_proof_repeated');
  }
  return values[0];
}

/**
 * A verifier whose proofs are accepted from `iat − clockSkewSeconds` to `iat + iatWindowSeconds + clockSkewSeconds`.
 * A proof's `jti` is claimed in `replayCache` under the proof key's thumbprint (RFC 9449 §11.1: a `jti` is unique per
 * key, and one client's choice can never block another's) until that window closes; it is claimed last, so a proof
 * refused for another rule (a missing nonce) burns nothing. Throws a RangeError for negative or non-finite settings.
 */
export function createDpopProofVerifier(settings: DpopProofSettings, replayCache: ReplayCacheRepository): DpopProofVerifier {
  const windowSeconds = settings.iatWindowSeconds ?? DEFAULT_IAT_WINDOW_SECONDS;
  const skewSeconds = settings.clockSkewSeconds ?? CLOCK_SKEW_SECONDS;
  for (const [name, value] of [['iatWindowSeconds', windowSeconds], ['clockSkewSeconds', skewSeconds]] as const) {
    if (!Number.isFinite(value) || value < 0) throw new RangeError(`${name} must be a non-negative number`);
  }

  return {
    async verify(proof, request, now) {
      if (proof === undefined) throw invalidDpopProof('A DPoP proof is required', 'dpop_proof_missing');
      const proofKey = keyOf(protectedHeader(proof));
      const claims = await verifiedClaims(proof, proofKey);
      const { jti, iat } = checkClaims(claims, request);
      const nowSeconds = now.getTime() / 1000;
      if (iat < nowSeconds - windowSeconds - skewSeconds) throw invalidDpopProof('The DPoP proof is too old (iat)', 'dpop_proof_expired');
      if (iat > nowSeconds + skewSeconds) throw invalidDpopProof('The DPoP proof is issued in the future (iat)', 'dpop_proof_future');
      if (request.nonces !== undefined) checkNonce(claims['nonce'], request.nonces, now);

      const jkt = jwkThumbprint(proofKey.jwk);
      const expiresAt = new Date(Math.ceil((iat + windowSeconds + skewSeconds) * 1000) + 1);
      if (!(await replayCache.claimOnce(REPLAY_NAMESPACE, `${jkt}:${jti}`, expiresAt, now))) {
        throw invalidDpopProof('The DPoP proof was already used (jti)', 'dpop_proof_replayed');
      }
      return { jkt, jwk: proofKey.jwk };
    },
  };
}

function protectedHeader(proof: string): Record<string, unknown> {
  const malformed = () => invalidDpopProof('The DPoP proof is not a well-formed compact JWS', 'dpop_proof_malformed');
  if (proof.length > MAX_PROOF_CHARS || !COMPACT_JWS.test(proof)) throw malformed();
  let header: unknown;
  try {
    header = JSON.parse(Buffer.from(proof.slice(0, proof.indexOf('.')), 'base64url').toString('utf8'));
  } catch {
    throw malformed();
  }
  if (!isRecord(header)) throw malformed();
  return header;
}

/** RFC 9449 §4.2–4.3 header rules: `typ`, an allowed asymmetric `alg` (FAPI 2.0 SP §5.4), a public `jwk` fitting it. */
function keyOf(header: Record<string, unknown>): ProofKey {
  const { typ, alg, jwk } = header;
  if (typeof typ !== 'string' || typ.toLowerCase().replace(/^application\//, '') !== DPOP_TYPE) {
    throw invalidDpopProof(`The DPoP proof typ header must be ${DPOP_TYPE}`, 'dpop_typ_invalid');
  }
  if (typeof alg !== 'string' || !(SIGNING_ALGS as readonly string[]).includes(alg)) {
    throw invalidDpopProof(`The DPoP proof must be signed with ${SIGNING_ALGS.join(' or ')}`, 'dpop_alg_not_allowed');
  }
  if ('crit' in header) throw invalidDpopProof('The DPoP proof has critical header parameters obas does not support', 'dpop_proof_malformed');
  if (!isRecord(jwk)) throw invalidDpopProof('The DPoP proof has no jwk header', 'dpop_key_invalid');
  const problem = jwkProblem(jwk);
  if (problem !== undefined) throw invalidDpopProof(`The DPoP proof jwk ${problem}`, 'dpop_key_invalid');
  const fits = alg === 'PS256' ? jwk['kty'] === 'RSA' : jwk['kty'] === 'EC' && jwk['crv'] === 'P-256';
  if (!fits) throw invalidDpopProof(`The DPoP proof jwk is not a key for ${alg}`, 'dpop_key_invalid');
  const publicJwk: JWK =
    jwk['kty'] === 'RSA'
      ? { kty: 'RSA', n: jwk['n'] as string, e: jwk['e'] as string }
      : { kty: 'EC', crv: 'P-256', x: jwk['x'] as string, y: jwk['y'] as string };
  return { alg: alg as SigningAlg, jwk: publicJwk, key: createPublicKey({ key: publicJwk, format: 'jwk' }) };
}

async function verifiedClaims(proof: string, proofKey: ProofKey): Promise<Record<string, unknown>> {
  let payload: Uint8Array;
  try {
    payload = (await compactVerify(proof, proofKey.key, { algorithms: [proofKey.alg] })).payload;
  } catch {
    throw invalidDpopProof('The DPoP proof signature does not verify with its jwk', 'dpop_signature_invalid');
  }
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload).toString('utf8'));
  } catch {
    claims = undefined;
  }
  if (!isRecord(claims)) throw invalidDpopProof('The DPoP proof claims are not a JSON object', 'dpop_proof_malformed');
  return claims;
}

/** RFC 9449 §4.2 required claims, `htm` and `htu` against the request, and `ath` when a token came with the proof. */
function checkClaims(claims: Record<string, unknown>, request: DpopRequest): { readonly jti: string; readonly iat: number } {
  const { jti, htm, htu, iat, ath } = claims;
  const missing = (name: string, what: string) => invalidDpopProof(`The DPoP proof ${name} claim must be ${what}`, 'dpop_claim_missing');
  if (typeof jti !== 'string' || jti.length === 0 || jti.length > JTI_MAX_LENGTH) {
    throw missing('jti', `a string of 1 to ${JTI_MAX_LENGTH} characters`);
  }
  if (typeof htm !== 'string') throw missing('htm', 'a string');
  if (typeof htu !== 'string') throw missing('htu', 'a string');
  if (typeof iat !== 'number' || !Number.isFinite(iat)) throw missing('iat', 'a number');
  if (htm !== request.method) throw invalidDpopProof('The DPoP proof htm is not the method of the request', 'dpop_method_mismatch');
  if (!sameHtu(htu, request.url)) throw invalidDpopProof('The DPoP proof htu is not the URI of the request', 'dpop_uri_mismatch');
  if (request.accessToken !== undefined) {
    if (typeof ath !== 'string') throw invalidDpopProof('The DPoP proof sent with an access token must have an ath claim', 'dpop_ath_missing');
    if (!constantTimeEqual(hashToken(request.accessToken), ath)) {
      throw invalidDpopProof('The DPoP proof ath is not the hash of the access token', 'dpop_ath_mismatch');
    }
  }
  return { jti, iat };
}

function checkNonce(nonce: unknown, nonces: DpopNonces, now: Date): void {
  if (typeof nonce !== 'string') {
    throw useDpopNonce('The DPoP proof must carry the nonce of the DPoP-Nonce header', 'dpop_nonce_missing', nonces.current(now));
  }
  if (!nonces.accepts(nonce, now)) {
    throw useDpopNonce('The DPoP proof nonce is stale; use the one of the DPoP-Nonce header', 'dpop_nonce_stale', nonces.current(now));
  }
}
