import { randomUUID } from 'node:crypto';
import { newTokenKey } from '../../src/tokens/token-key.js';
import { describe, expect, it } from 'vitest';
import type { AccessTokenRecord, ClientRecord, Storage } from '../../src/storage/ports.js';
import { allMigrationNames } from './migration-names.js';
import { useTwoStorages, type NewStorageTarget, type StorageTarget } from './storage-targets.js';

const NOW = new Date('2030-01-01T00:00:00.000Z');
const at = (offsetMs: number): Date => new Date(NOW.getTime() + offsetMs);

function client(overrides: Partial<ClientRecord> = {}): ClientRecord {
  const clientId = overrides.clientId ?? randomUUID();
  return {
    clientId,
    metadata: { client_id: clientId },
    source: 'dcr',
    createdAt: at(-60_000),
    updatedAt: at(-30_000),
    ...overrides,
  };
}

function token(overrides: Partial<AccessTokenRecord> = {}): AccessTokenRecord {
  return {
    tokenHash: randomUUID(),
    clientId: 'client-a',
    scope: 'accounts',
    format: 'opaque',
    issuedAt: NOW,
    expiresAt: at(300_000),
    ...overrides,
  };
}

/**
 * The behaviour every {@link Storage} adapter must show (ports.ts): run once per adapter against a real database.
 * `concurrentMigrations` is false for SQLite, whose single-threaded driver cannot hold two connections' locks at once
 * inside one process (cross-process migration there is covered by sqlite-storage.test.ts).
 */
export function storageContract(newTarget: NewStorageTarget, options: { concurrentMigrations: boolean }): void {
  let target: StorageTarget;
  let storage: Storage;
  let second: Storage;

  useTwoStorages(newTarget, (opened) => ({ target, storage, second } = opened));

  describe('clients', () => {
    it('round-trips a client with nested JSON metadata and every optional field', async () => {
      const id = randomUUID();
      const record = client({
        clientId: id,
        metadata: {
          client_id: id,
          redirect_uris: ['https://tpp.example/cb', 'https://tpp.example/cb2'],
          jwks: { keys: [{ kty: 'EC', crv: 'P-256', x: 'x', y: 'y' }] },
          tls_client_certificate_bound_access_tokens: true,
          default_max_age: 3600,
          client_name: 'Zahlungsdienst Müller — 支払い',
          nothing: null,
        },
        secretHash: 'scrypt$15$8$1$c2FsdA$aGFzaA',
        registrationAccessTokenHash: randomUUID(),
        source: 'config',
      });
      await storage.clients.save(record);
      expect(await storage.clients.find(id)).toStrictEqual(record);
      expect(await second.clients.find(id)).toStrictEqual(record);
    });

    it('omits absent optional fields instead of returning undefined', async () => {
      const record = client();
      await storage.clients.save(record);
      const found = await storage.clients.find(record.clientId);
      expect(found).toStrictEqual(record);
      expect(Object.keys(found ?? {})).not.toContain('secretHash');
      expect(Object.keys(found ?? {})).not.toContain('registrationAccessTokenHash');
    });

    it('finds nothing for an unknown client_id', async () => {
      expect(await storage.clients.find(randomUUID())).toBeUndefined();
    });

    it('replaces a client saved again under the same client_id', async () => {
      const original = client({ secretHash: 'old', registrationAccessTokenHash: randomUUID() });
      await storage.clients.save(original);
      const { secretHash: _dropped, ...withoutSecret } = original;
      const replaced: ClientRecord = {
        ...withoutSecret,
        metadata: { client_id: original.clientId, client_name: 'renamed' },
        updatedAt: NOW,
      };
      await storage.clients.save(replaced);
      expect(await storage.clients.find(original.clientId)).toStrictEqual(replaced);
    });

    it('never serves a cached client that another instance changed, even within the same millisecond', async () => {
      const original = client();
      await storage.clients.save(original);
      expect(await storage.clients.find(original.clientId)).toStrictEqual(original);
      const renamed = { ...original, metadata: { client_id: original.clientId, client_name: 'renamed elsewhere' } };
      await second.clients.save(renamed);
      expect((await storage.clients.find(original.clientId))?.metadata).toStrictEqual(renamed.metadata);
      const replaced = { ...original, metadata: { client_id: original.clientId, client_name: 'replaced elsewhere' } };
      expect(await second.clients.replace(replaced)).toBe(true);
      expect((await storage.clients.find(original.clientId))?.metadata).toStrictEqual(replaced.metadata);
      expect(await second.clients.delete(original.clientId)).toBe(true);
      expect(await storage.clients.find(original.clientId)).toBeUndefined();
    });

    it('replaces an existing client only, atomically', async () => {
      const original = client({ registrationAccessTokenHash: randomUUID() });
      await storage.clients.save(original);
      const updated: ClientRecord = { ...original, metadata: { client_id: original.clientId, client_name: 'updated' }, updatedAt: NOW };
      expect(await second.clients.replace(updated)).toBe(true);
      expect(await storage.clients.find(original.clientId)).toStrictEqual(updated);
      await storage.clients.delete(original.clientId);
      expect(await second.clients.replace(updated)).toBe(false);
      expect(await storage.clients.find(original.clientId)).toBeUndefined();
    });

    it('refuses two clients with the same registration access token hash', async () => {
      const hash = randomUUID();
      await storage.clients.save(client({ registrationAccessTokenHash: hash }));
      await expect(storage.clients.save(client({ registrationAccessTokenHash: hash }))).rejects.toThrow();
    });

    it('keeps a client\'s creation time when it is saved or replaced again, and takes a new one only once it was deleted', async () => {
      const original = client();
      await storage.clients.save(original);
      await storage.clients.save({ ...original, createdAt: at(-1), updatedAt: at(-20_000) });
      expect((await second.clients.find(original.clientId))?.createdAt).toStrictEqual(original.createdAt);
      expect(await storage.clients.replace({ ...original, createdAt: at(-2), updatedAt: at(-10_000) })).toBe(true);
      expect(await second.clients.find(original.clientId)).toMatchObject({ createdAt: original.createdAt, updatedAt: at(-10_000) });
      expect(await storage.clients.delete(original.clientId)).toBe(true);
      await storage.clients.save({ ...original, createdAt: at(-3) });
      expect((await second.clients.find(original.clientId))?.createdAt).toStrictEqual(at(-3));
    });

    it('lists clients ordered by client_id and deletes them', async () => {
      const b = client({ clientId: `list-${randomUUID()}-b` });
      const a = client({ clientId: `${b.clientId.slice(0, -2)}-a` });
      await storage.clients.save(b);
      await storage.clients.save(a);
      const listed = (await storage.clients.list()).filter((c) => c.clientId.startsWith('list-'));
      expect(listed).toStrictEqual([a, b]);
      expect(await storage.clients.delete(a.clientId)).toBe(true);
      expect(await storage.clients.delete(a.clientId)).toBe(false);
      expect(await second.clients.find(a.clientId)).toBeUndefined();
      expect(await second.clients.find(b.clientId)).toStrictEqual(b);
    });
  });

  describe('access tokens', () => {
    it('round-trips a token with every optional field', async () => {
      const record = token({
        format: 'jwt',
        certificateThumbprint: 'bwcK0esc3ACC3DB2Y5_lESsXE8o9ltc05O89jdN-dg2',
        dpopKeyThumbprint: '0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I',
        subject: 'psu-1',
        grantId: randomUUID(),
        revokedAt: at(1),
        clientCreatedAt: at(-86_400_123),
      });
      await storage.accessTokens.insert(record);
      expect(await second.accessTokens.findByHash(record.tokenHash)).toStrictEqual(record);
    });

    it("round-trips the DPoP key thumbprint (RFC 9449 §6 cnf.jkt) and the client's creation time of tokens inserted alone and in one batch", async () => {
      const alone = token({ dpopKeyThumbprint: 'NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs', clientCreatedAt: at(-5) });
      await storage.accessTokens.insert(alone);
      const batch = Array.from({ length: 5 }, (_, i) => token(i % 2 === 0 ? { dpopKeyThumbprint: `jkt-${i}-${randomUUID()}`, clientCreatedAt: at(-i - 1) } : {}));
      await Promise.all(batch.map((record) => storage.accessTokens.insert(record)));
      for (const record of [alone, ...batch]) expect(await second.accessTokens.findByHash(record.tokenHash)).toStrictEqual(record);
      expect(Object.keys((await storage.accessTokens.findByHash(batch[1]!.tokenHash)) ?? {})).not.toContain('dpopKeyThumbprint');
      expect(Object.keys((await storage.accessTokens.findByHash(batch[1]!.tokenHash)) ?? {})).not.toContain('clientCreatedAt');
    });

    it('round-trips a minimal token without inventing optional fields', async () => {
      const record = token();
      await storage.accessTokens.insert(record);
      expect(await storage.accessTokens.findByHash(record.tokenHash)).toStrictEqual(record);
      expect(await storage.accessTokens.findByHash(randomUUID())).toBeUndefined();
    });

    it('refuses a second token with the same hash', async () => {
      const record = token();
      await storage.accessTokens.insert(record);
      await expect(storage.accessTokens.insert(token({ tokenHash: record.tokenHash }))).rejects.toThrow();
    });

    it('rejects only the duplicate among tokens inserted in parallel', async () => {
      const first = token();
      const duplicate = token({ tokenHash: first.tokenHash, scope: 'duplicate' });
      const other = token();
      const outcomes = await Promise.allSettled([first, duplicate, other].map((t) => storage.accessTokens.insert(t)));
      const statuses = outcomes.map((outcome) => outcome.status);
      expect(statuses.slice(0, 2).sort()).toStrictEqual(['fulfilled', 'rejected']);
      expect(statuses[2]).toBe('fulfilled');
      const winner = statuses[0] === 'fulfilled' ? first : duplicate;
      expect(await storage.accessTokens.findByHash(first.tokenHash)).toStrictEqual(winner);
      expect(await storage.accessTokens.findByHash(other.tokenHash)).toStrictEqual(other);
    });

    it('revokes a token only for the client it was issued to, once', async () => {
      const record = token({ clientId: randomUUID() });
      await storage.accessTokens.insert(record);
      expect(await storage.accessTokens.revoke(record.tokenHash, 'someone-else', NOW)).toBe(false);
      expect((await storage.accessTokens.findByHash(record.tokenHash))?.revokedAt).toBeUndefined();
      expect(await second.accessTokens.revoke(record.tokenHash, record.clientId, at(5))).toBe(true);
      expect(await storage.accessTokens.revoke(record.tokenHash, record.clientId, at(9))).toBe(false);
      expect((await storage.accessTokens.findByHash(record.tokenHash))?.revokedAt).toStrictEqual(at(5));
      expect(await storage.accessTokens.revoke(randomUUID(), record.clientId, NOW)).toBe(false);
    });

    it('deletes tokens of earlier versions (keyed by hash alone) that expired before the given time', async () => {
      const past = new Date('2001-01-01T00:00:00.000Z');
      const expired = token({ issuedAt: new Date(past.getTime() - 10), expiresAt: new Date(past.getTime() - 1) });
      const expiringNow = token({ issuedAt: new Date(past.getTime() - 10), expiresAt: past });
      await storage.accessTokens.insert(expired);
      await storage.accessTokens.insert(expiringNow);
      expect(await storage.accessTokens.deleteExpired(past, new Date(past.getTime() - 300_000))).toBe(1);
      expect(await storage.accessTokens.findByHash(expired.tokenHash)).toBeUndefined();
      expect(await storage.accessTokens.findByHash(expiringNow.tokenHash)).toStrictEqual(expiringNow);
    });

    it('deletes tokens keyed by issue time that expired before the given time, among those issued before the bound', async () => {
      const before = new Date('2000-06-01T00:00:00.000Z');
      const lifetimeMs = 300_000;
      const issuedBefore = new Date(before.getTime() - lifetimeMs);
      const keyed = (issuedAt: Date, expiresAt: Date) => token({ tokenHash: newTokenKey(randomUUID(), issuedAt.getTime()), issuedAt, expiresAt });
      const old = keyed(new Date(issuedBefore.getTime() - 1), new Date(before.getTime() - 1));
      const atTheBound = keyed(issuedBefore, new Date(before.getTime() - 1));
      // Issued earlier under a longer lifetime: in the range, still live at `before`, so kept until it expires.
      const longLived = keyed(new Date(issuedBefore.getTime() - 5_000), new Date(before.getTime() + 60_000));
      const recent = keyed(new Date(before.getTime() - 1_000), new Date(before.getTime() + lifetimeMs));
      for (const record of [old, atTheBound, longLived, recent]) await storage.accessTokens.insert(record);
      expect(await storage.accessTokens.deleteExpired(before, issuedBefore)).toBe(1);
      expect(await storage.accessTokens.findByHash(old.tokenHash)).toBeUndefined();
      for (const kept of [atTheBound, longLived, recent]) expect(await storage.accessTokens.findByHash(kept.tokenHash)).toStrictEqual(kept);
      const later = new Date(before.getTime() + 60_001);
      expect(await storage.accessTokens.deleteExpired(later, new Date(later.getTime() - lifetimeMs))).toBe(2);
      expect(await storage.accessTokens.findByHash(recent.tokenHash)).toStrictEqual(recent);
    });

    it('deletes expired tokens of both kinds in batches, across more than one statement each', async () => {
      const before = new Date('1990-01-01T00:00:00.000Z');
      const issuedAt = new Date(before.getTime() - 600_000);
      const expiresAt = new Date(before.getTime() - 1);
      const rows = [
        ...Array.from({ length: 1_100 }, () => token({ tokenHash: newTokenKey(randomUUID(), issuedAt.getTime()), issuedAt, expiresAt })),
        ...Array.from({ length: 1_100 }, () => token({ issuedAt, expiresAt })),
      ];
      await Promise.all(rows.map((record) => storage.accessTokens.insert(record)));
      expect(await storage.accessTokens.deleteExpired(before, new Date(before.getTime() - 300_000))).toBe(2_200);
    });
  });

  describe('replay cache', () => {
    it('claims an id once per namespace until it expires', async () => {
      const id = randomUUID();
      expect(await storage.replayCache.claimOnce('jti', id, at(1000), NOW)).toBe(true);
      expect(await second.replayCache.claimOnce('jti', id, at(5000), at(1))).toBe(false);
      expect(await storage.replayCache.claimOnce('ssa', id, at(1000), NOW)).toBe(true);
      expect(await storage.replayCache.claimOnce('jti', id, at(2000), at(999))).toBe(false);
      expect(await second.replayCache.claimOnce('jti', id, at(3000), at(1000))).toBe(true);
      expect(await storage.replayCache.claimOnce('jti', id, at(9000), at(2000))).toBe(false);
    });

    it('lets exactly one of 50 parallel claims across two instances win', async () => {
      const id = randomUUID();
      const claims = Array.from({ length: 50 }, (_, i) =>
        (i % 2 === 0 ? storage : second).replayCache.claimOnce('jti', id, at(60_000), NOW),
      );
      expect((await Promise.all(claims)).filter(Boolean)).toHaveLength(1);
    });

    it('lets exactly one of 50 parallel takeovers of an expired id win', async () => {
      const id = randomUUID();
      await storage.replayCache.claimOnce('jti', id, at(10), NOW);
      const claims = Array.from({ length: 50 }, (_, i) =>
        (i % 2 === 0 ? storage : second).replayCache.claimOnce('jti', id, at(60_000), at(20)),
      );
      expect((await Promise.all(claims)).filter(Boolean)).toHaveLength(1);
    });

    it('deletes ids that expired before the given time', async () => {
      const past = new Date('2001-01-01T00:00:00.000Z');
      const [gone, kept] = [randomUUID(), randomUUID()];
      await storage.replayCache.claimOnce('jti', gone, new Date(past.getTime() - 1), new Date(0));
      await storage.replayCache.claimOnce('jti', kept, past, new Date(0));
      expect(await storage.replayCache.deleteExpired(past)).toBe(1);
      expect(await storage.replayCache.claimOnce('jti', kept, at(1), new Date(past.getTime() - 1))).toBe(false);
    });
  });

  describe('lifecycle', () => {
    it('keeps writes issued just before close', async () => {
      const record = token();
      const id = randomUUID();
      const closing = await target.open();
      const writes = Promise.all([
        closing.accessTokens.insert(record),
        closing.replayCache.claimOnce('jti', id, at(60_000), NOW),
      ]);
      await closing.close();
      expect(await writes).toStrictEqual([undefined, true]);
      expect(await storage.accessTokens.findByHash(record.tokenHash)).toStrictEqual(record);
      expect(await storage.replayCache.claimOnce('jti', id, at(60_000), NOW)).toBe(false);
    });
  });

  describe('migrations', () => {
    it('are idempotent: migrating again, from any instance, applies nothing', async () => {
      expect(await storage.migrate()).toStrictEqual([]);
      expect(await second.migrate()).toStrictEqual([]);
    });

    it('apply every migration to a fresh database opened without migrating, then serve queries', async () => {
      const fresh = await newTarget();
      const opened = await fresh.open({ migrate: false });
      try {
        expect(await opened.migrate()).toStrictEqual(await allMigrationNames());
        expect(await opened.clients.find('nobody')).toBeUndefined();
      } finally {
        await opened.close();
        await fresh.dispose();
      }
    });

    it.runIf(options.concurrentMigrations)('succeed when two instances migrate a fresh database at once', async () => {
      const fresh = await newTarget();
      const [a, b] = [await fresh.open({ migrate: false }), await fresh.open({ migrate: false })];
      try {
        const applied = await Promise.all([a.migrate(), b.migrate()]);
        expect(applied.flat()).toStrictEqual(await allMigrationNames());
        expect(await b.replayCache.claimOnce('jti', 'x', at(1), NOW)).toBe(true);
        expect(await a.replayCache.claimOnce('jti', 'x', at(1), NOW)).toBe(false);
      } finally {
        await Promise.all([a.close(), b.close()]);
        await fresh.dispose();
      }
    });
  });
}
