import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_DEFAULTS, type AccessTokenCommit } from '../../src/storage/database-settings.js';
import { openStorage } from '../../src/storage/open-storage.js';
import type { AccessTokenRecord } from '../../src/storage/ports.js';
import { createTestDatabase, onPooledSession, postgresAvailable, type TestDatabase } from '../support/postgres.js';

const token = (): AccessTokenRecord => ({
  tokenHash: randomUUID(),
  clientId: 'client-a',
  scope: 'accounts',
  format: 'opaque',
  issuedAt: new Date(),
  expiresAt: new Date(Date.now() + 300_000),
});

describe.skipIf(!postgresAvailable)('PostgreSQL commits issued access tokens as configured, and nothing else asynchronously', () => {
  let db: TestDatabase | undefined;
  let observer: pg.Client;

  beforeAll(async () => {
    db = await createTestDatabase();
    observer = new pg.Client({ connectionString: db?.url ?? '' });
    await observer.connect();
  });

  afterAll(async () => {
    await observer?.end();
    await db?.drop();
  });

  /** The `application_name` of the session whose last statement starts with `statement` (pg_stat_activity). */
  async function sessionThatRan(statement: string): Promise<string[]> {
    const { rows } = await observer.query<{ application_name: string }>(
      'SELECT application_name FROM pg_stat_activity WHERE datname = current_database() AND query LIKE $1',
      [`${statement}%`],
    );
    return rows.map((row) => row.application_name);
  }

  const sessionSetting = (asynchronousCommit: boolean) =>
    onPooledSession(
      { connectionString: db?.url ?? '', settings: DATABASE_DEFAULTS, bounded: true, applicationName: 'obas test', asynchronousCommit },
      "SELECT current_setting('synchronous_commit') AS commit, current_setting('application_name') AS name",
    );

  it('opens sessions that commit asynchronously only when asked, each named', async () => {
    expect(await sessionSetting(true)).toEqual({ commit: 'off', name: 'obas test' });
    expect(await sessionSetting(false)).toEqual({ commit: 'on', name: 'obas test' });
  });

  async function insertAndRevoke(accessTokenCommit: AccessTokenCommit | undefined): Promise<{ insert: string[]; revoke: string[] }> {
    const settings = accessTokenCommit === undefined ? DATABASE_DEFAULTS : { ...DATABASE_DEFAULTS, accessTokenCommit };
    const storage = await openStorage({ databaseUrl: db?.url ?? '', sqliteFile: '', settings });
    try {
      const issued = token();
      await storage.accessTokens.insert(issued);
      const insert = await sessionThatRan('INSERT INTO access_tokens');
      expect(await storage.accessTokens.revoke(issued.tokenHash, issued.clientId, new Date())).toBe(true);
      const revoke = await sessionThatRan('update "access_tokens"');
      expect((await storage.accessTokens.findByHash(issued.tokenHash))?.revokedAt).toBeInstanceOf(Date);
      return { insert, revoke };
    } finally {
      await storage.close();
    }
  }

  it('inserts access tokens from the asynchronous sessions by default, and revokes them from the synchronous ones', async () => {
    expect(await insertAndRevoke(undefined)).toEqual({ insert: ['obas access-token inserts'], revoke: ['obas'] });
  });

  it('inserts access tokens from the synchronous request sessions with accessTokenCommit synchronous', async () => {
    expect(await insertAndRevoke('synchronous')).toEqual({ insert: ['obas'], revoke: ['obas'] });
  });
});
