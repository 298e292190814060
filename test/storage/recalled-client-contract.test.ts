import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AccessTokenRecord, ClientRecord, Storage } from '../../src/storage/ports.js';
import { postgresAvailable } from '../support/postgres.js';
import { newPostgresTarget, newSqliteTarget, useTwoStorages, type NewStorageTarget } from './storage-targets.js';

const NOW = new Date('2030-01-01T00:00:00.000Z');

function client(updatedAt: Date, name = 'original'): ClientRecord {
  const clientId = randomUUID();
  return { clientId, metadata: { client_id: clientId, client_name: name }, source: 'dcr', createdAt: NOW, updatedAt };
}

const token = (clientId: string): AccessTokenRecord => ({
  tokenHash: randomUUID(),
  clientId,
  scope: 'accounts',
  format: 'opaque',
  issuedAt: NOW,
  expiresAt: new Date(NOW.getTime() + 300_000),
  clientCreatedAt: NOW,
});

/** `ClientRepository.recall` and `AccessTokenRepository.insertIfClientUnchanged`, as every adapter must keep them. */
function recalledClientContract(newTarget: NewStorageTarget): void {
  let storage: Storage;
  let second: Storage;
  useTwoStorages(newTarget, (opened) => ({ storage, second } = opened));

  it('recalls nothing before a find, then the record last found, even after another instance changed it', async () => {
    const original = client(NOW);
    await second.clients.save(original);
    expect(storage.clients.recall(original.clientId)).toBeUndefined();
    expect(await storage.clients.find(original.clientId)).toStrictEqual(original);
    expect(storage.clients.recall(original.clientId)).toStrictEqual(original);
    const renamed = { ...original, metadata: { ...original.metadata, client_name: 'renamed' }, updatedAt: new Date(NOW.getTime() + 1) };
    await second.clients.save(renamed);
    expect(storage.clients.recall(original.clientId)).toStrictEqual(original);
    expect(await storage.clients.find(original.clientId)).toStrictEqual(renamed);
    expect(storage.clients.recall(original.clientId)).toStrictEqual(renamed);
    await storage.clients.delete(original.clientId);
    expect(storage.clients.recall(original.clientId)).toBeUndefined();
  });

  it('stores a token conditionally only while its client is the version named', async () => {
    const record = client(NOW);
    await storage.clients.save(record);
    const current = token(record.clientId);
    expect(await storage.accessTokens.insertIfClientUnchanged(current, record.updatedAt)).toBe(true);
    expect(await second.accessTokens.findByHash(current.tokenHash)).toStrictEqual(current);

    await second.clients.save({ ...record, metadata: { ...record.metadata, client_name: 'changed' } });
    const stale = token(record.clientId);
    expect(await storage.accessTokens.insertIfClientUnchanged(stale, record.updatedAt)).toBe(false);
    expect(await second.accessTokens.findByHash(stale.tokenHash)).toBeUndefined();

    const changed = await storage.clients.find(record.clientId);
    await second.clients.delete(record.clientId);
    const orphan = token(record.clientId);
    expect(await storage.accessTokens.insertIfClientUnchanged(orphan, changed?.updatedAt ?? NOW)).toBe(false);
    expect(await second.accessTokens.findByHash(orphan.tokenHash)).toBeUndefined();
  });

  it('decides each of the conditional inserts made together, and refuses only a duplicate among them', async () => {
    const unchanged = client(NOW);
    const changed = client(NOW);
    await Promise.all([storage.clients.save(unchanged), storage.clients.save(changed)]);
    await second.clients.save({ ...changed, metadata: { ...changed.metadata, client_name: 'changed' } });
    const first = token(unchanged.clientId);
    const requests = [first, token(changed.clientId), token(unchanged.clientId), { ...token(unchanged.clientId), tokenHash: first.tokenHash }];
    const outcomes = await Promise.allSettled(requests.map((request) => storage.accessTokens.insertIfClientUnchanged(request, NOW)));
    expect(outcomes.slice(0, 3)).toStrictEqual([
      { status: 'fulfilled', value: true },
      { status: 'fulfilled', value: false },
      { status: 'fulfilled', value: true },
    ]);
    expect(outcomes[3]?.status).toBe('rejected');
    expect(await second.accessTokens.findByHash(first.tokenHash)).toStrictEqual(first);
    expect(await second.accessTokens.findByHash(requests[1]!.tokenHash)).toBeUndefined();
    expect(await second.accessTokens.findByHash(requests[2]!.tokenHash)).toStrictEqual(requests[2]);
  });
}

describe('recalled clients on SQLite', () => recalledClientContract(newSqliteTarget));
describe.skipIf(!postgresAvailable)('recalled clients on PostgreSQL', () => recalledClientContract(newPostgresTarget));
