import { afterEach, describe, expect, it } from 'vitest';
import { createDpopNonces } from '../../src/tokens/dpop-nonces.js';
import { rotateKeys } from '../../src/tokens/key-lifecycle.js';
import { openKeyStore, type KeyStore } from '../../src/tokens/key-store.js';
import { useTempDataDirs } from '../keys/temp-data-dir.js';

const newDataDir = useTempDataDirs();
const openStores: KeyStore[] = [];
const WINDOW_START = new Date('2030-01-01T00:00:00.000Z');
const after = (seconds: number): Date => new Date(WINDOW_START.getTime() + seconds * 1000);

/** A key store as one obas process opens it on a data directory (no periodic reload during a test). */
async function open(dataDir: string): Promise<KeyStore> {
  const store = await openKeyStore({ dataDir, retiredKeyPublishSeconds: 3600, reloadIntervalMs: 600_000 });
  openStores.push(store);
  return store;
}

afterEach(() => {
  for (const store of openStores.splice(0)) store.close();
});

describe('server-provided DPoP nonces (RFC 9449 §8, §9)', () => {
  it('are 43 base64url characters, the same all through one window and new in the next', async () => {
    const nonces = createDpopNonces(await open(await newDataDir()));
    const nonce = nonces.current(WINDOW_START);
    expect(nonce).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(nonces.current(after(59.999))).toBe(nonce);
    expect(nonces.current(after(60))).not.toBe(nonce);
  });

  it('accept the current and the previous window, and the next one (another process whose clock is ahead)', async () => {
    const nonces = createDpopNonces(await open(await newDataDir()));
    const nonce = nonces.current(after(60));
    expect(nonces.accepts(nonce, after(60))).toBe(true);
    expect(nonces.accepts(nonce, after(179))).toBe(true);
    expect(nonces.accepts(nonce, after(59))).toBe(true);
  });

  it('refuse a nonce two windows old or two windows ahead', async () => {
    const nonces = createDpopNonces(await open(await newDataDir()));
    const nonce = nonces.current(after(60));
    expect(nonces.accepts(nonce, after(180))).toBe(false);
    expect(nonces.accepts(nonce, after(-1))).toBe(false);
  });

  it('follow the rotation setting', async () => {
    const nonces = createDpopNonces(await open(await newDataDir()), { rotationSeconds: 10 });
    const nonce = nonces.current(WINDOW_START);
    expect(nonces.current(after(10))).not.toBe(nonce);
    expect(nonces.accepts(nonce, after(19))).toBe(true);
    expect(nonces.accepts(nonce, after(20))).toBe(false);
  });

  it('refuse what the server never provided: junk, empty, another length, a nonce with one character changed', async () => {
    const nonces = createDpopNonces(await open(await newDataDir()));
    const nonce = nonces.current(WINDOW_START);
    const changed = `${nonce.slice(0, 10)}${nonce[10] === 'A' ? 'B' : 'A'}${nonce.slice(11)}`;
    for (const candidate of ['', 'nonce', `${nonce}x`, nonce.slice(1), changed, `${nonce.slice(0, 42)}=`]) {
      expect(nonces.accepts(candidate, WINDOW_START), candidate).toBe(false);
    }
  });

  it('agree between two processes sharing the data directory, with no other shared state', async () => {
    const dataDir = await newDataDir();
    const [first, second] = [createDpopNonces(await open(dataDir)), createDpopNonces(await open(dataDir))];
    expect(second.current(WINDOW_START)).toBe(first.current(WINDOW_START));
    expect(second.accepts(first.current(WINDOW_START), after(30))).toBe(true);
  });

  it('differ between deployments: another data directory neither issues nor accepts the same nonces', async () => {
    const [ours, theirs] = [createDpopNonces(await open(await newDataDir())), createDpopNonces(await open(await newDataDir()))];
    expect(theirs.current(WINDOW_START)).not.toBe(ours.current(WINDOW_START));
    expect(theirs.accepts(ours.current(WINDOW_START), WINDOW_START)).toBe(false);
  });

  it('survive a key rotation: nonces of the retired key stay accepted while new ones come from the new key', async () => {
    const dataDir = await newDataDir();
    const store = await open(dataDir);
    const nonces = createDpopNonces(store);
    const before = nonces.current(WINDOW_START);
    await rotateKeys({ dataDir, now: after(1), retiredKeyPublishSeconds: 3600 });
    await store.reload();
    expect(nonces.current(WINDOW_START)).not.toBe(before);
    expect(nonces.accepts(before, after(30))).toBe(true);
    expect(createDpopNonces(await open(dataDir)).accepts(nonces.current(WINDOW_START), after(30))).toBe(true);
  });

  it('refuse a rotation that is not a positive whole number of seconds', async () => {
    const store = await open(await newDataDir());
    for (const rotationSeconds of [0, -60, 1.5, Number.NaN]) {
      expect(() => createDpopNonces(store, { rotationSeconds })).toThrow(RangeError);
    }
  });
});
