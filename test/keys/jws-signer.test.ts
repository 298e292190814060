import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signJws } from '../../src/tokens/jws-signer.js';
import { openKeyStore, type KeyStore } from '../../src/tokens/key-store.js';
import { useTempDataDirs } from './temp-data-dir.js';

const newDataDir = useTempDataDirs();
let store: KeyStore;

beforeAll(async () => {
  store = await openKeyStore({ dataDir: await newDataDir(), retiredKeyPublishSeconds: 600 });
});
afterAll(() => store.close());

const claims = (): Record<string, unknown> => {
  const now = Math.floor(Date.now() / 1000);
  return { iss: 'https://as.example', sub: 'psu-1', aud: 'https://rs.example', iat: now, exp: now + 300, jti: 'é-1' };
};

describe('signJws', () => {
  for (const alg of ['PS256', 'ES256'] as const) {
    it(`produces a ${alg} JWS that jose verifies against the published JWKS`, async () => {
      const key = store.activeKey(alg);
      const token = signJws(key, { typ: 'at+jwt' }, claims());
      const { payload, protectedHeader } = await jwtVerify(token, createLocalJWKSet(store.publicJwks(new Date())), {
        algorithms: [alg],
        issuer: 'https://as.example',
        audience: 'https://rs.example',
        typ: 'at+jwt',
      });
      expect(protectedHeader).toEqual({ typ: 'at+jwt', alg, kid: key.kid });
      expect(payload.jti).toBe('é-1');
    });
  }

  it('fails verification when the payload is altered', async () => {
    const token = signJws(store.activeKey('PS256'), { typ: 'JWT' }, claims());
    const [header, , signature] = token.split('.');
    const forged = `${header}.${Buffer.from(JSON.stringify({ ...claims(), sub: 'psu-2' })).toString('base64url')}.${signature}`;
    await expect(jwtVerify(forged, createLocalJWKSet(store.publicJwks(new Date())))).rejects.toThrow();
  });

  it('produces 64-byte R||S ES256 signatures', () => {
    const token = signJws(store.activeKey('ES256'), {}, claims());
    expect(Buffer.from(token.split('.')[2] ?? '', 'base64url')).toHaveLength(64);
  });

  it('encodes each distinct header correctly despite caching', () => {
    const key = store.activeKey('ES256');
    expect(decodeProtectedHeader(signJws(key, { typ: 'at+jwt' }, claims()))).toEqual({ typ: 'at+jwt', alg: 'ES256', kid: key.kid });
    expect(decodeProtectedHeader(signJws(key, { typ: 'JWT' }, claims()))).toEqual({ typ: 'JWT', alg: 'ES256', kid: key.kid });
    expect(decodeProtectedHeader(signJws(key, {}, claims()))).toEqual({ alg: 'ES256', kid: key.kid });
  });

  it('takes alg and kid from the key even if a caller slips them into the header', () => {
    const key = store.activeKey('PS256');
    const header = JSON.parse('{"alg":"none","kid":"other","typ":"JWT"}') as Record<string, never>;
    expect(decodeProtectedHeader(signJws(key, header, claims()))).toEqual({ alg: 'PS256', kid: key.kid, typ: 'JWT' });
  });
});
