import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { calculateJwkThumbprint } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { rotateKeys } from '../../src/tokens/key-lifecycle.js';
import { openKeyStore, type KeyStore } from '../../src/tokens/key-store.js';
import { useTempDataDirs } from './temp-data-dir.js';

const newDataDir = useTempDataDirs();
const openStores: KeyStore[] = [];
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi'];

async function open(dataDir: string, reloadIntervalMs = 60_000): Promise<KeyStore> {
  const store = await openKeyStore({ dataDir, retiredKeyPublishSeconds: 3600, reloadIntervalMs });
  openStores.push(store);
  return store;
}

afterEach(() => {
  for (const store of openStores.splice(0)) store.close();
});

describe('openKeyStore', () => {
  it('creates an RSA-2048 PS256 key and a P-256 ES256 key on first open, in 0600 files', async () => {
    const dataDir = await newDataDir();
    const store = await open(dataDir);
    const ps256 = store.activeKey('PS256');
    const es256 = store.activeKey('ES256');
    expect(ps256.alg).toBe('PS256');
    expect(ps256.privateKey.asymmetricKeyType).toBe('rsa');
    expect(ps256.privateKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(es256.alg).toBe('ES256');
    expect(es256.privateKey.asymmetricKeyType).toBe('ec');
    expect(es256.privateKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    expect(ps256.publicKey.type).toBe('public');

    const files = await readdir(join(dataDir, 'keys'));
    expect(files.sort()).toEqual(['ES256-000001.json', 'PS256-000001.json']);
    for (const file of files) {
      expect((await stat(join(dataDir, 'keys', file))).mode & 0o777).toBe(0o600);
      const content = JSON.parse(await readFile(join(dataDir, 'keys', file), 'utf8'));
      expect(content).toMatchObject({ kid: expect.any(String), alg: expect.any(String), createdAt: expect.any(String) });
      expect(content.privateJwk.d).toEqual(expect.any(String));
    }
  });

  it('uses the RFC 7638 thumbprint as kid', async () => {
    const store = await open(await newDataDir());
    for (const alg of ['PS256', 'ES256'] as const) {
      const key = store.activeKey(alg);
      expect(key.kid).toBe(await calculateJwkThumbprint(key.publicJwk, 'sha256'));
    }
  });

  it('reuses the stored keys when reopened', async () => {
    const dataDir = await newDataDir();
    const first = await open(dataDir);
    const second = await open(dataDir);
    expect(second.activeKey('PS256').kid).toBe(first.activeKey('PS256').kid);
    expect(second.activeKey('ES256').kid).toBe(first.activeKey('ES256').kid);
    expect(await readdir(join(dataDir, 'keys'))).toHaveLength(2);
  });

  it('publishes public members with kid, use and alg only', async () => {
    const store = await open(await newDataDir());
    const { keys } = store.publicJwks(new Date());
    expect(keys).toHaveLength(2);
    for (const jwk of keys) {
      for (const member of PRIVATE_MEMBERS) expect(jwk).not.toHaveProperty(member);
      expect(jwk.use).toBe('sig');
      expect(['PS256', 'ES256']).toContain(jwk.alg);
      expect(jwk.kid).toBe(store.activeKey(jwk.alg as 'PS256' | 'ES256').kid);
    }
    expect(Object.keys(keys.find((jwk) => jwk.kty === 'RSA') ?? {}).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
    expect(Object.keys(keys.find((jwk) => jwk.kty === 'EC') ?? {}).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x', 'y']);
    expect(JSON.parse(store.publicJwksJson(new Date()))).toEqual({ keys });
  });

  it('ends with one identical key set when several stores open an empty data directory at once', async () => {
    const dataDir = await newDataDir();
    const stores = await Promise.all([open(dataDir), open(dataDir), open(dataDir), open(dataDir)]);
    const kids = stores.map((store) => [store.activeKey('PS256').kid, store.activeKey('ES256').kid]);
    for (const pair of kids) expect(pair).toEqual(kids[0]);
    expect((await readdir(join(dataDir, 'keys'))).sort()).toEqual(['ES256-000001.json', 'PS256-000001.json']);
  });

  it('notices a rotation made by another process after the reload interval', async () => {
    const dataDir = await newDataDir();
    const store = await open(dataDir, 50);
    const before = store.activeKey('PS256').kid;
    const rotation = await rotateKeys({ dataDir, now: new Date(), retiredKeyPublishSeconds: 3600 });
    const after = rotation.created.find((key) => key.alg === 'PS256')?.kid;
    expect(after).toBeDefined();
    expect(after).not.toBe(before);
    await expect.poll(() => store.activeKey('PS256').kid, { timeout: 3000, interval: 20 }).toBe(after);
    // The rotation writes the new key before it marks the old one retired: a reload may fall between the two.
    await expect.poll(() => store.verificationKey(before)?.retiredAt, { timeout: 3000, interval: 20 }).toBeInstanceOf(Date);
  });

  it('keeps the last good key set and reports when a reload meets a malformed key file', async () => {
    const dataDir = await newDataDir();
    const errors: unknown[] = [];
    const store = await openKeyStore({
      dataDir,
      retiredKeyPublishSeconds: 3600,
      reloadIntervalMs: 20,
      onReloadError: (error) => errors.push(error),
    });
    openStores.push(store);
    const kid = store.activeKey('PS256').kid;
    const file = join(dataDir, 'keys', 'PS256-000001.json');
    const content = JSON.parse(await readFile(file, 'utf8'));
    await writeFile(file, JSON.stringify({ ...content, kid: 'not-the-thumbprint' }));
    await expect.poll(() => errors.length, { timeout: 3000, interval: 20 }).toBeGreaterThan(0);
    expect(String(errors[0])).toContain('PS256-000001.json');
    expect(store.activeKey('PS256').kid).toBe(kid);
  });
});
