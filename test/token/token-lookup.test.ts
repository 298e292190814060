import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Storage } from '../../src/storage/ports.js';
import { hashToken } from '../../src/tokens/token-hash.js';
import { createTokenLookup } from '../../src/tokens/token-lookup.js';
import { postgresAvailable } from '../support/postgres.js';
import { newPostgresTarget, newSqliteTarget, useTwoStorages, type NewStorageTarget } from '../storage/storage-targets.js';

const NOW = new Date();

/** Stores an opaque access token of `clientId`, naming the client record it was issued to when `clientCreatedAt` is given. */
async function storedToken(storage: Storage, clientId: string, issuedAt: Date, clientCreatedAt?: Date): Promise<string> {
  const token = randomUUID();
  await storage.accessTokens.insert({
    tokenHash: hashToken(token),
    clientId,
    scope: 'accounts',
    format: 'opaque',
    issuedAt,
    expiresAt: new Date(issuedAt.getTime() + 300_000),
    ...(clientCreatedAt === undefined ? {} : { clientCreatedAt }),
  });
  return token;
}

async function savedClient(storage: Storage, clientId: string, createdAt: Date, source: 'dcr' | 'config' = 'dcr'): Promise<void> {
  await storage.clients.save({ clientId, metadata: { client_id: clientId }, source, createdAt, updatedAt: createdAt });
}

async function clientWithToken(storage: Storage, createdAt = NOW): Promise<{ clientId: string; token: string }> {
  const clientId = randomUUID();
  await savedClient(storage, clientId, createdAt);
  return { clientId, token: await storedToken(storage, clientId, createdAt, createdAt) };
}

function tokenLookupBehaviour(newTarget: NewStorageTarget): void {
  let storage: Storage;
  useTwoStorages(newTarget, (opened) => ({ storage } = opened));

  it('finds an active client_credentials token of an existing client', async () => {
    const { token } = await clientWithToken(storage);
    const lookup = createTokenLookup(storage);
    const found = await lookup.find(token, undefined);
    expect(found?.kind).toBe('access_token');
    expect(found !== undefined && lookup.isActive(found, NOW)).toBe(true);
  });

  it('a token stored after its client was deleted (a token request racing RFC 7592 DELETE) is unknown', async () => {
    const { clientId, token } = await clientWithToken(storage);
    expect(await storage.clients.delete(clientId)).toBe(true);
    const lookup = createTokenLookup(storage);
    expect(await lookup.find(token, undefined)).toBeUndefined();
    expect(await lookup.find(token, 'refresh_token')).toBeUndefined();
  });

  it("a deleted client's tokens stay unknown when its client_id comes back a millisecond later; the new client's are active whatever their issue time", async () => {
    const { clientId, token } = await clientWithToken(storage);
    expect(await storage.clients.delete(clientId)).toBe(true);
    const recreatedAt = new Date(NOW.getTime() + 1);
    await savedClient(storage, clientId, recreatedAt, 'config');
    const lookup = createTokenLookup(storage);
    expect(await lookup.find(token, undefined)).toBeUndefined();
    // Issued by a process whose clock lags the one that created the client by seconds: it still names this client.
    const lagging = await lookup.find(await storedToken(storage, clientId, new Date(NOW.getTime() - 5_000), recreatedAt), undefined);
    expect(lagging !== undefined && lookup.isActive(lagging, recreatedAt)).toBe(true);
  });

  it("tokens stored before migration 0014 (no client creation time) are their client's when issued no earlier than the second it was created", async () => {
    const second = Math.floor(NOW.getTime() / 1000) * 1000;
    const clientId = randomUUID();
    await savedClient(storage, clientId, new Date(second - 2_000));
    const token = await storedToken(storage, clientId, new Date(second - 2_000));
    const lateToken = await storedToken(storage, clientId, new Date(second - 1));
    expect(await storage.clients.delete(clientId)).toBe(true);
    await savedClient(storage, clientId, new Date(second + 500), 'config');
    const lookup = createTokenLookup(storage);
    expect(await lookup.find(token, undefined)).toBeUndefined();
    expect(await lookup.find(lateToken, undefined)).toBeUndefined();
    const sameSecond = await lookup.find(await storedToken(storage, clientId, new Date(second)), undefined);
    expect(sameSecond !== undefined && lookup.isActive(sameSecond, new Date(second + 600))).toBe(true);
  });
}

describe('token lookup on SQLite', () => tokenLookupBehaviour(newSqliteTarget));
describe.skipIf(!postgresAvailable)('token lookup on PostgreSQL', () => tokenLookupBehaviour(newPostgresTarget));
