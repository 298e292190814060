import { constants, createHash, generateKeyPairSync, randomUUID, sign, type KeyObject, type SignKeyObjectInput } from 'node:crypto';
import { calculateJwkThumbprint, CompactSign, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OAuthError } from '../../src/errors/oauth-error.js';
import type { ReasonKey } from '../../src/errors/reason-catalogue.js';
import type { Storage } from '../../src/storage/ports.js';
import { asResourceServerError, dpopChallenge } from '../../src/tokens/dpop-challenge.js';
import { createDpopNonces, type DpopNonces } from '../../src/tokens/dpop-nonces.js';
import { createDpopProofVerifier, singleDpopHeader, type DpopProofVerifier, type DpopRequest } from '../../src/tokens/dpop-proof.js';
import { openKeyStore, type KeyStore } from '../../src/tokens/key-store.js';
import { useTempDataDirs } from '../keys/temp-data-dir.js';
import { postgresAvailable } from '../support/postgres.js';
import { newPostgresTarget, newSqliteTarget, useTwoStorages, type NewStorageTarget } from '../storage/storage-targets.js';

const NOW = new Date('2030-01-01T00:00:00.000Z');
const NOW_SECONDS = NOW.getTime() / 1000;
const TOKEN_URL = 'https://as.example.com:8444/token';
const TOKEN_REQUEST: DpopRequest = { method: 'POST', url: TOKEN_URL };

const es256 = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const otherEs256 = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' });
const rsa2048 = generateKeyPairSync('rsa', { modulusLength: 2048 });
const rsa1024 = generateKeyPairSync('rsa', { modulusLength: 1024 });
const publicJwk = (key: KeyObject): JWK => key.export({ format: 'jwk' }) as JWK;
const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const sha256 = (text: string): string => createHash('sha256').update(text).digest('base64url');

interface ProofParts {
  readonly header?: Record<string, unknown>;
  readonly claims?: Record<string, unknown>;
  readonly omit?: readonly string[];
  readonly signWith?: KeyObject | Uint8Array;
  readonly payload?: string;
}

/** A DPoP proof made the way a client makes one (jose's CompactSign), ES256 with a fresh jti unless told otherwise. */
function proofOf(parts: ProofParts = {}): Promise<string> {
  const claims: Record<string, unknown> = { jti: randomUUID(), htm: 'POST', htu: TOKEN_URL, iat: NOW_SECONDS, ...parts.claims };
  for (const name of parts.omit ?? []) delete claims[name];
  const header = { alg: 'ES256', typ: 'dpop+jwt', jwk: publicJwk(es256.publicKey), ...parts.header };
  const payload = new TextEncoder().encode(parts.payload ?? JSON.stringify(claims));
  return new CompactSign(payload).setProtectedHeader(header as { alg: string }).sign(parts.signWith ?? es256.privateKey);
}

/** A proof signed with node:crypto directly, for keys jose rightly refuses to sign with (too weak, wrong curve). */
function signedByHand(header: Record<string, unknown>, key: SignKeyObjectInput): string {
  const input = `${b64(header)}.${b64({ jti: randomUUID(), htm: 'POST', htu: TOKEN_URL, iat: NOW_SECONDS })}`;
  return `${input}.${sign('sha256', Buffer.from(input), key).toString('base64url')}`;
}

async function refusal(outcome: Promise<unknown>): Promise<OAuthError> {
  const error = await outcome.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(OAuthError);
  return error as OAuthError;
}

async function expectRefused(outcome: Promise<unknown>, reason: ReasonKey, code = 'invalid_dpop_proof'): Promise<OAuthError> {
  const error = await refusal(outcome);
  expect({ code: error.code, reason: error.reason, status: error.status }).toStrictEqual({ code, reason, status: 400 });
  return error;
}

const newDataDir = useTempDataDirs();
const targets: [string, NewStorageTarget][] = [['SQLite', newSqliteTarget], ...(postgresAvailable ? [['PostgreSQL', newPostgresTarget] as [string, NewStorageTarget]] : [])];

describe.each(targets)('DPoP proof verification, replay cache on %s (RFC 9449 §4.3)', (_kind, newTarget) => {
  let storage: Storage;
  let second: Storage;
  let verifier: DpopProofVerifier;
  let keyStore: KeyStore;
  let nonces: DpopNonces;

  useTwoStorages(newTarget, (opened) => ({ storage, second } = opened));
  beforeAll(async () => {
    verifier = createDpopProofVerifier({}, storage.replayCache);
    keyStore = await openKeyStore({ dataDir: await newDataDir(), retiredKeyPublishSeconds: 3600, reloadIntervalMs: 600_000 });
    nonces = createDpopNonces(keyStore);
  });
  afterAll(() => keyStore.close());

  describe('accepts', () => {
    it('a well-formed ES256 proof, answering the RFC 7638 thumbprint jose computes and the public key only', async () => {
      const result = await verifier.verify(await proofOf(), TOKEN_REQUEST, NOW);
      const jwk = publicJwk(es256.publicKey);
      expect(result.jkt).toBe(await calculateJwkThumbprint(jwk, 'sha256'));
      expect(result.jwk).toStrictEqual({ kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y });
    });

    it('a PS256 proof with an RSA-2048 key', async () => {
      const jwk = publicJwk(rsa2048.publicKey);
      const proof = await proofOf({ header: { alg: 'PS256', jwk }, signWith: rsa2048.privateKey });
      expect((await verifier.verify(proof, TOKEN_REQUEST, NOW)).jkt).toBe(await calculateJwkThumbprint(jwk, 'sha256'));
    });

    it('typ compared without case and with or without the application/ prefix (RFC 7515 §4.1.9)', async () => {
      for (const typ of ['DPoP+JWT', 'application/dpop+jwt']) {
        await expect(verifier.verify(await proofOf({ header: { typ } }), TOKEN_REQUEST, NOW)).resolves.toBeDefined();
      }
    });

    it('an htu that differs only in query, fragment, case of scheme and host, default port or escapes of unreserved characters', async () => {
      const request = { method: 'GET', url: 'https://rs.example.com/accounts/%7Eme?page=2' };
      for (const htu of ['https://rs.example.com/accounts/~me', 'HTTPS://RS.Example.COM:443/accounts/%7eme?page=1#top', 'https://rs.example.com/x/../accounts/%7Eme']) {
        await expect(verifier.verify(await proofOf({ claims: { htm: 'GET', htu } }), request, NOW)).resolves.toBeDefined();
      }
    });

    it('an iat at either edge of the window: 70 s old (60 s window + 10 s skew), 10 s ahead', async () => {
      for (const iat of [NOW_SECONDS - 70, NOW_SECONDS + 10]) {
        await expect(verifier.verify(await proofOf({ claims: { iat } }), TOKEN_REQUEST, NOW)).resolves.toBeDefined();
      }
    });

    it('with an access token, an ath that is the base64url SHA-256 of it', async () => {
      const accessToken = randomUUID();
      const proof = await proofOf({ claims: { htm: 'GET', htu: 'https://rs.example.com/accounts', ath: sha256(accessToken) } });
      await expect(verifier.verify(proof, { method: 'GET', url: 'https://rs.example.com/accounts', accessToken }, NOW)).resolves.toBeDefined();
    });

    it('a proof carrying a nonce the server provided, when it requires one', async () => {
      const proof = await proofOf({ claims: { nonce: nonces.current(NOW) } });
      await expect(verifier.verify(proof, { ...TOKEN_REQUEST, nonces }, NOW)).resolves.toBeDefined();
    });

    it('the same jti with another key: single use is per key', async () => {
      const jti = randomUUID();
      await verifier.verify(await proofOf({ claims: { jti } }), TOKEN_REQUEST, NOW);
      const other = await proofOf({ claims: { jti }, header: { jwk: publicJwk(otherEs256.publicKey) }, signWith: otherEs256.privateKey });
      await expect(verifier.verify(other, TOKEN_REQUEST, NOW)).resolves.toBeDefined();
    });
  });

  describe('refuses', () => {
    it('a request without a proof', async () => {
      await expectRefused(verifier.verify(undefined, TOKEN_REQUEST, NOW), 'dpop_proof_missing');
    });

    it('a value that is not a compact JWS: garbage, five parts (JWE), empty, or over 8 KiB', async () => {
      const good = await proofOf();
      for (const proof of ['not-a-jwt', `${good}.a.b`, '', `${good.split('.')[0]}.${'A'.repeat(8192)}.sig`, `WzFd.${good.split('.')[1]}.x`]) {
        await expectRefused(verifier.verify(proof, TOKEN_REQUEST, NOW), 'dpop_proof_malformed');
      }
    });

    it('claims that are not a JSON object, even when signed', async () => {
      await expectRefused(verifier.verify(await proofOf({ payload: 'not json' }), TOKEN_REQUEST, NOW), 'dpop_proof_malformed');
    });

    it('critical header parameters', async () => {
      await expectRefused(verifier.verify(await proofOf({ header: { crit: ['b64'], b64: true } }), TOKEN_REQUEST, NOW), 'dpop_proof_malformed');
    });

    it('a typ other than dpop+jwt, or none', async () => {
      await expectRefused(verifier.verify(await proofOf({ header: { typ: 'JWT' } }), TOKEN_REQUEST, NOW), 'dpop_typ_invalid');
      await expectRefused(verifier.verify(await proofOf({ header: { typ: undefined } }), TOKEN_REQUEST, NOW), 'dpop_typ_invalid');
    });

    it('alg none', async () => {
      const proof = `${b64({ alg: 'none', typ: 'dpop+jwt', jwk: publicJwk(es256.publicKey) })}.${b64({ jti: randomUUID(), htm: 'POST', htu: TOKEN_URL, iat: NOW_SECONDS })}.`;
      await expectRefused(verifier.verify(proof, TOKEN_REQUEST, NOW), 'dpop_alg_not_allowed');
    });

    it('alg RS256 (FAPI 2.0: PS256 and ES256 only)', async () => {
      const proof = await proofOf({ header: { alg: 'RS256', jwk: publicJwk(rsa2048.publicKey) }, signWith: rsa2048.privateKey });
      await expectRefused(verifier.verify(proof, TOKEN_REQUEST, NOW), 'dpop_alg_not_allowed');
    });

    it('alg HS256 (symmetric)', async () => {
      const proof = await proofOf({ header: { alg: 'HS256' }, signWith: new Uint8Array(32).fill(7) });
      await expectRefused(verifier.verify(proof, TOKEN_REQUEST, NOW), 'dpop_alg_not_allowed');
    });

    it('a proof without a jwk header', async () => {
      await expectRefused(verifier.verify(await proofOf({ header: { jwk: undefined } }), TOKEN_REQUEST, NOW), 'dpop_key_invalid');
    });

    it('a jwk holding the private key', async () => {
      const privateJwk = es256.privateKey.export({ format: 'jwk' });
      const error = await expectRefused(verifier.verify(await proofOf({ header: { jwk: privateJwk } }), TOKEN_REQUEST, NOW), 'dpop_key_invalid');
      expect(error.description).toContain('private');
    });

    it('a jwk too weak (RSA-1024) or not fitting the alg (P-384 for ES256)', async () => {
      const pss = { key: rsa1024.privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 };
      const weak = signedByHand({ alg: 'PS256', typ: 'dpop+jwt', jwk: publicJwk(rsa1024.publicKey) }, pss);
      await expectRefused(verifier.verify(weak, TOKEN_REQUEST, NOW), 'dpop_key_invalid');
      const p384Proof = signedByHand({ alg: 'ES256', typ: 'dpop+jwt', jwk: publicJwk(p384.publicKey) }, { key: p384.privateKey, dsaEncoding: 'ieee-p1363' });
      await expectRefused(verifier.verify(p384Proof, TOKEN_REQUEST, NOW), 'dpop_key_invalid');
    });

    it('a signature made with another key than the jwk header', async () => {
      const proof = await proofOf({ header: { jwk: publicJwk(otherEs256.publicKey) } });
      await expectRefused(verifier.verify(proof, TOKEN_REQUEST, NOW), 'dpop_signature_invalid');
    });

    it.each(['jti', 'htm', 'htu', 'iat'])('a proof without %s', async (claim) => {
      await expectRefused(verifier.verify(await proofOf({ omit: [claim] }), TOKEN_REQUEST, NOW), 'dpop_claim_missing');
    });

    it('claims of the wrong type: a numeric jti, a string iat, a jti over 256 characters', async () => {
      for (const claims of [{ jti: 42 }, { iat: String(NOW_SECONDS) }, { jti: 'j'.repeat(257) }]) {
        await expectRefused(verifier.verify(await proofOf({ claims }), TOKEN_REQUEST, NOW), 'dpop_claim_missing');
      }
    });

    it('an htm that is not the request method (compared exactly)', async () => {
      for (const htm of ['GET', 'post']) {
        await expectRefused(verifier.verify(await proofOf({ claims: { htm } }), TOKEN_REQUEST, NOW), 'dpop_method_mismatch');
      }
    });

    it('an htu naming another path, host, port or scheme, carrying user information, or not a URI', async () => {
      const others = [
        'https://as.example.com:8444/par',
        'https://evil.example/token',
        'https://as.example.com/token',
        'http://as.example.com:8444/token',
        'https://me@as.example.com:8444/token',
        'token',
      ];
      for (const htu of others) {
        await expectRefused(verifier.verify(await proofOf({ claims: { htu } }), TOKEN_REQUEST, NOW), 'dpop_uri_mismatch');
      }
    });

    it('a stale iat (71 s old)', async () => {
      await expectRefused(verifier.verify(await proofOf({ claims: { iat: NOW_SECONDS - 71 } }), TOKEN_REQUEST, NOW), 'dpop_proof_expired');
    });

    it('an iat in the future beyond the clock skew (11 s ahead)', async () => {
      await expectRefused(verifier.verify(await proofOf({ claims: { iat: NOW_SECONDS + 11 } }), TOKEN_REQUEST, NOW), 'dpop_proof_future');
    });

    it('a reused jti, also when the replay reaches another process on the same database', async () => {
      const proof = await proofOf();
      await verifier.verify(proof, TOKEN_REQUEST, NOW);
      await expectRefused(verifier.verify(proof, TOKEN_REQUEST, NOW), 'dpop_proof_replayed');
      const elsewhere = createDpopProofVerifier({}, second.replayCache);
      await expectRefused(elsewhere.verify(proof, TOKEN_REQUEST, new Date(NOW.getTime() + 5000)), 'dpop_proof_replayed');
    });

    it('of 20 parallel presentations of one proof over two processes, all but one', async () => {
      const proof = await proofOf();
      const verifiers = [verifier, createDpopProofVerifier({}, second.replayCache)];
      const outcomes = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => verifiers[i % 2]!.verify(proof, TOKEN_REQUEST, NOW)));
      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    });

    it('a proof sent with an access token but without ath', async () => {
      const request = { method: 'GET', url: 'https://rs.example.com/accounts', accessToken: randomUUID() };
      await expectRefused(verifier.verify(await proofOf({ claims: { htm: 'GET', htu: request.url } }), request, NOW), 'dpop_ath_missing');
    });

    it('an ath that is the hash of another access token', async () => {
      const request = { method: 'GET', url: 'https://rs.example.com/accounts', accessToken: randomUUID() };
      const proof = await proofOf({ claims: { htm: 'GET', htu: request.url, ath: sha256(randomUUID()) } });
      await expectRefused(verifier.verify(proof, request, NOW), 'dpop_ath_mismatch');
    });

    it('a proof without the nonce the server requires, with use_dpop_nonce and a fresh DPoP-Nonce, burning no jti', async () => {
      const jti = randomUUID();
      const error = await expectRefused(verifier.verify(await proofOf({ claims: { jti } }), { ...TOKEN_REQUEST, nonces }, NOW), 'dpop_nonce_missing', 'use_dpop_nonce');
      expect(error.headers).toStrictEqual({ 'dpop-nonce': nonces.current(NOW) });
      const retry = await proofOf({ claims: { jti, nonce: error.headers['dpop-nonce'] } });
      await expect(verifier.verify(retry, { ...TOKEN_REQUEST, nonces }, NOW)).resolves.toBeDefined();
    });

    it('a stale nonce (two windows old) or one the server never provided, with use_dpop_nonce', async () => {
      const stale = nonces.current(new Date(NOW.getTime() - 120_000));
      for (const nonce of [stale, 'made-up-nonce']) {
        const error = await expectRefused(verifier.verify(await proofOf({ claims: { nonce } }), { ...TOKEN_REQUEST, nonces }, NOW), 'dpop_nonce_stale', 'use_dpop_nonce');
        expect(error.headers['dpop-nonce']).toBe(nonces.current(NOW));
      }
    });
  });
});

describe('one DPoP header per request (RFC 9449 §4.3)', () => {
  it('passes a single value through and reports none as undefined', () => {
    expect(singleDpopHeader('a.b.c')).toBe('a.b.c');
    expect(singleDpopHeader(['a.b.c'])).toBe('a.b.c');
    expect(singleDpopHeader(undefined)).toBeUndefined();
  });

  it('refuses two headers, or two values joined with a comma as Node joins repeated headers', () => {
    for (const value of [['a.b.c', 'd.e.f'], 'a.b.c, d.e.f']) {
      const error = (() => {
        try {
          singleDpopHeader(value);
        } catch (thrown) {
          return thrown;
        }
        return undefined;
      })();
      expect(error).toMatchObject({ code: 'invalid_dpop_proof', reason: 'dpop_proof_repeated', status: 400 });
    }
  });
});

describe('DPoP verifier settings', () => {
  it('refuse a negative or non-finite window or skew', () => {
    const cache = { claimOnce: async () => true, deleteExpired: async () => 0 };
    expect(() => createDpopProofVerifier({ iatWindowSeconds: -1 }, cache)).toThrow(RangeError);
    expect(() => createDpopProofVerifier({ clockSkewSeconds: Number.NaN }, cache)).toThrow(RangeError);
  });
});

describe('DPoP failures at a resource server (RFC 9449 §7.1, §9)', () => {
  it('builds a DPoP challenge with the accepted algorithms, bare when no credentials were sent', () => {
    expect(dpopChallenge()).toBe('DPoP realm="obas", algs="PS256 ES256"');
    expect(dpopChallenge({ error: 'insufficient_scope', description: 'Needs accounts', scope: 'accounts' })).toBe(
      'DPoP realm="obas", error="insufficient_scope", error_description="Needs accounts", scope="accounts", algs="PS256 ES256"',
    );
  });

  it('turns invalid_dpop_proof into a 401 naming the error in WWW-Authenticate', () => {
    const error = asResourceServerError(new OAuthError('invalid_dpop_proof', 'The DPoP proof htu is not the URI of the request', { reason: 'dpop_uri_mismatch' }));
    expect({ code: error.code, status: error.status, reason: error.reason, headers: error.headers }).toStrictEqual({
      code: 'invalid_dpop_proof',
      status: 401,
      reason: 'dpop_uri_mismatch',
      headers: { 'www-authenticate': 'DPoP realm="obas", error="invalid_dpop_proof", error_description="The DPoP proof htu is not the URI of the request", algs="PS256 ES256"' },
    });
  });

  it('turns use_dpop_nonce into a 401 that keeps the DPoP-Nonce header, and leaves other errors alone', () => {
    const error = asResourceServerError(new OAuthError('use_dpop_nonce', 'Nonce required', { reason: 'dpop_nonce_missing', headers: { 'dpop-nonce': 'n1' } }));
    expect(error.status).toBe(401);
    expect(error.headers).toStrictEqual({ 'dpop-nonce': 'n1', 'www-authenticate': 'DPoP realm="obas", error="use_dpop_nonce", error_description="Nonce required", algs="PS256 ES256"' });
    const other = new OAuthError('invalid_request', 'x');
    expect(asResourceServerError(other)).toBe(other);
  });
});
