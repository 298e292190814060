import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStorage } from '../../src/storage/open-storage.js';
import type { GrantRecord, Storage } from '../../src/storage/ports.js';
import { createTestDatabase, postgresAvailable, type TestDatabase } from '../support/postgres.js';

const NOW = new Date('2026-01-01T00:00:00Z');

describe.skipIf(!postgresAvailable)('PostgreSQL redeems a code and reads its grant as one step', () => {
  let db: TestDatabase | undefined;
  let storage: Storage;
  let other: pg.Client;

  beforeAll(async () => {
    db = await createTestDatabase();
    storage = await openStorage({ databaseUrl: db?.url ?? '', sqliteFile: '' });
    other = new pg.Client({ connectionString: db?.url ?? '' });
    await other.connect();
  });

  afterAll(async () => {
    await other?.end();
    await storage?.close();
    await db?.drop();
  });

  /** Resolves once some session waits for a lock on `grants`. */
  async function someoneWaitsForGrants(): Promise<void> {
    const watcher = new pg.Client({ connectionString: db?.url ?? '' });
    await watcher.connect();
    try {
      for (let tries = 0; tries < 500; tries += 1) {
        const { rows } = await watcher.query<{ waiting: number }>(
          "SELECT count(*)::int AS waiting FROM pg_locks WHERE NOT granted AND relation = 'grants'::regclass",
        );
        if ((rows[0]?.waiting ?? 0) > 0) return;
        await delay(10);
      }
      throw new Error('the redemption never waited for the grants table');
    } finally {
      await watcher.end();
    }
  }

  it('hands the winner its grant as it stood when the code was consumed: no replay from another session can revoke it in between', async () => {
    const live: GrantRecord = {
      grantId: randomUUID(),
      clientId: 'client-a',
      subject: 'psu-alice',
      scope: 'accounts',
      accounts: ['acc-1'],
      authTime: NOW,
      createdAt: NOW,
      expiresAt: new Date(NOW.getTime() + 86_400_000),
    };
    await storage.grants.insert(live);
    const codeHash = randomUUID();
    await storage.authorizationCodes.insert({
      codeHash,
      clientId: 'client-a',
      grantId: live.grantId,
      redirectUri: 'https://tpp.example/cb',
      codeChallenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      issuedAt: NOW,
      expiresAt: new Date(NOW.getTime() + 60_000),
    });
    // Another process holds the grants table while the redemption runs, and replays the code the moment it can see
    // it consumed: what the token endpoint's losing requests do (record the replay, revoke the grant).
    await other.query('BEGIN');
    await other.query('LOCK TABLE grants IN ACCESS EXCLUSIVE MODE');
    const redemption = storage.authorizationCodes.redeem(codeHash, 'client-a', NOW);
    await someoneWaitsForGrants();
    const replay = await other.query<{ grant_id: string }>(
      'UPDATE authorization_codes SET replayed_at = $1 WHERE code_hash = $2 AND consumed_at IS NOT NULL RETURNING grant_id',
      [NOW.getTime(), codeHash],
    );
    for (const { grant_id: grantId } of replay.rows) await other.query('UPDATE grants SET revoked_at = $1 WHERE grant_id = $2', [NOW.getTime(), grantId]);
    await other.query('COMMIT');
    expect((await redemption)?.grant?.grant).toStrictEqual(live);
    expect(replay.rowCount).toBe(0);
  });
});
