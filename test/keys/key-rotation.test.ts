import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listKeys, rotateKeys } from '../../src/tokens/key-lifecycle.js';
import { openKeyStore, type KeyStore } from '../../src/tokens/key-store.js';
import { useTempDataDirs } from './temp-data-dir.js';

const newDataDir = useTempDataDirs();
const WINDOW_SECONDS = 3600;
const t0 = new Date('2030-01-01T00:00:00Z');
const at = (seconds: number): Date => new Date(t0.getTime() + seconds * 1000);
const openStores: KeyStore[] = [];

async function open(dataDir: string): Promise<KeyStore> {
  const store = await openKeyStore({ dataDir, retiredKeyPublishSeconds: WINDOW_SECONDS, now: () => t0 });
  openStores.push(store);
  return store;
}

afterEach(() => {
  for (const store of openStores.splice(0)) store.close();
});

const publishedKids = (store: KeyStore, now: Date): string[] =>
  store.publicJwks(now).keys.map((jwk) => String(jwk.kid));

describe('rotateKeys', () => {
  it('makes a new key active and keeps the old one published until its window passes', async () => {
    const dataDir = await newDataDir();
    const store = await open(dataDir);
    const old = { PS256: store.activeKey('PS256').kid, ES256: store.activeKey('ES256').kid };

    const rotation = await rotateKeys({ dataDir, now: at(60), retiredKeyPublishSeconds: WINDOW_SECONDS });
    expect(rotation.created.map((key) => key.alg)).toEqual(['PS256', 'ES256']);
    expect(rotation.retired.map((key) => key.kid)).toEqual([old.PS256, old.ES256]);
    expect(rotation.retired.every((key) => key.retiredAt?.getTime() === at(60).getTime())).toBe(true);
    expect(rotation.pruned).toEqual([]);
    await store.reload();

    for (const alg of ['PS256', 'ES256'] as const) {
      const active = store.activeKey(alg);
      expect(active.kid).not.toBe(old[alg]);
      expect(active.kid).toBe(rotation.created.find((key) => key.alg === alg)?.kid);
      expect(store.verificationKey(old[alg])?.retiredAt?.getTime()).toBe(at(60).getTime());
    }
    const newKids = rotation.created.map((key) => key.kid);
    expect(publishedKids(store, at(60 + WINDOW_SECONDS - 1)).sort()).toEqual([...newKids, old.PS256, old.ES256].sort());
    expect(publishedKids(store, at(60 + WINDOW_SECONDS)).sort()).toEqual([...newKids].sort());
    expect(store.publicJwksJson(at(60 + WINDOW_SECONDS))).not.toContain(old.PS256);
    expect(store.publicJwksJson(at(60))).toContain(old.PS256);
  });

  it('prunes key files whose publish window has passed on a later rotation', async () => {
    const dataDir = await newDataDir();
    const store = await open(dataDir);
    const first = store.activeKey('PS256').kid;
    await rotateKeys({ dataDir, now: at(0), retiredKeyPublishSeconds: WINDOW_SECONDS });
    const second = await rotateKeys({ dataDir, now: at(WINDOW_SECONDS), retiredKeyPublishSeconds: WINDOW_SECONDS });

    expect(second.pruned.map((key) => key.generation)).toEqual([1, 1]);
    expect(second.pruned.map((key) => key.kid)).toContain(first);
    expect((await readdir(join(dataDir, 'keys'))).sort()).toEqual([
      'ES256-000002.json',
      'ES256-000003.json',
      'PS256-000002.json',
      'PS256-000003.json',
    ]);
    await store.reload();
    expect(store.verificationKey(first)).toBeUndefined();
    expect(store.publicJwks(at(WINDOW_SECONDS)).keys).toHaveLength(4);
  });

  it('rotates only the algs asked for', async () => {
    const dataDir = await newDataDir();
    const store = await open(dataDir);
    const es256 = store.activeKey('ES256').kid;
    const rotation = await rotateKeys({ dataDir, now: at(1), retiredKeyPublishSeconds: WINDOW_SECONDS, algs: ['PS256'] });
    expect(rotation.created.map((key) => key.alg)).toEqual(['PS256']);
    await store.reload();
    expect(store.activeKey('ES256').kid).toBe(es256);
  });

  it('creates one new generation when two rotations race', async () => {
    const dataDir = await newDataDir();
    await open(dataDir);
    const options = { dataDir, now: at(5), retiredKeyPublishSeconds: WINDOW_SECONDS };
    const [left, right] = await Promise.all([rotateKeys(options), rotateKeys(options)]);
    expect(left.created.map((key) => key.kid)).toEqual(right.created.map((key) => key.kid));
    const keys = await listKeys(dataDir);
    expect(keys.map((key) => `${key.alg}-${key.generation}`)).toEqual(['PS256-2', 'PS256-1', 'ES256-2', 'ES256-1']);
    expect(keys.filter((key) => key.retiredAt === undefined).map((key) => key.generation)).toEqual([2, 2]);
  });

  it('rejects a negative publish window', async () => {
    await expect(rotateKeys({ dataDir: await newDataDir(), now: t0, retiredKeyPublishSeconds: -1 })).rejects.toThrow(
      RangeError,
    );
  });
});
