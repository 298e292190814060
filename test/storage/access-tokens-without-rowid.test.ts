import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, type Migration } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { obasMigrationProvider } from '../../src/storage/migrations/migration-provider.js';
import { openStorage } from '../../src/storage/open-storage.js';
import { sqliteTestFile } from '../support/postgres.js';

const LAST_ROWID_MIGRATION = '0014-access-token-client-incarnation';

/** Rows as an obas of migration 0014 stored them: one keyed by issue time, one by hash alone, with every column set. */
const STORED_ROWS = [
  {
    token_hash: `018f00000000${'A'.repeat(43)}`,
    client_id: 'tpp-1',
    scope: 'accounts',
    format: 'opaque',
    issued_at: 1_700_000_000,
    expires_at: 1_700_000_300,
    certificate_thumbprint: 'thumb-1',
    subject: null,
    grant_id: null,
    revoked_at: null,
    dpop_jkt: null,
    client_created_at: 1_699_000_000_000,
  },
  {
    token_hash: 'B'.repeat(43),
    client_id: 'tpp-2',
    scope: 'openid accounts',
    format: 'jwt',
    issued_at: 1_600_000_000,
    expires_at: 1_600_000_300,
    certificate_thumbprint: null,
    subject: 'psu-7',
    grant_id: 'grant-9',
    revoked_at: 1_600_000_100,
    dpop_jkt: 'jkt-3',
    client_created_at: null,
  },
];

const directories: string[] = [];
afterEach(async () => {
  await Promise.all(directories.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A SQLite file migrated up to 0014 only, holding {@link STORED_ROWS}. */
async function databaseOfMigration0014(): Promise<string> {
  const file = sqliteTestFile();
  directories.push(dirname(file));
  const all = await obasMigrationProvider.getMigrations();
  const upTo0014: Record<string, Migration> = Object.fromEntries(Object.entries(all).filter(([name]) => name <= LAST_ROWID_MIGRATION));
  const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new BetterSqlite3(file) }) });
  try {
    const migrator = new Migrator({
      db,
      provider: { getMigrations: async () => upTo0014 },
      migrationTableName: 'obas_migration',
      migrationLockTableName: 'obas_migration_lock',
    });
    const { error } = await migrator.migrateToLatest();
    expect(error).toBeUndefined();
  } finally {
    await db.destroy();
  }
  const database = new BetterSqlite3(file);
  const insert = database.prepare(
    `INSERT INTO access_tokens (${Object.keys(STORED_ROWS[0]!).join(', ')}) VALUES (${Object.keys(STORED_ROWS[0]!).map((name) => `@${name}`).join(', ')})`,
  );
  for (const row of STORED_ROWS) insert.run(row);
  expect(tableDefinition(database)).not.toMatch(/without rowid/i);
  database.close();
  return file;
}

function tableDefinition(database: BetterSqlite3.Database): string | undefined {
  return database.prepare<[], string>("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'access_tokens'").pluck().get();
}

describe('migration 0015: access tokens in their key’s B-tree on SQLite', () => {
  it('rebuilds the table WITHOUT ROWID keeping every stored token, column for column, and its expiry index', async () => {
    const file = await databaseOfMigration0014();
    const storage = await openStorage({ sqliteFile: file });
    const rebuilt = await storage.accessTokens.findByHash('B'.repeat(43));
    await storage.close();

    expect(rebuilt).toMatchObject({ clientId: 'tpp-2', subject: 'psu-7', grantId: 'grant-9', dpopKeyThumbprint: 'jkt-3', format: 'jwt' });
    const database = new BetterSqlite3(file, { readonly: true });
    try {
      expect(tableDefinition(database)).toMatch(/\)\s*without rowid$/i);
      expect(database.prepare('SELECT * FROM access_tokens ORDER BY token_hash').all()).toStrictEqual(STORED_ROWS);
      expect(database.prepare<[], string>("SELECT name FROM sqlite_master WHERE tbl_name = 'access_tokens' AND type = 'index'").pluck().all()).toStrictEqual([
        'access_tokens_unkeyed_expires_at_idx',
      ]);
      expect(database.prepare<[], string>("SELECT name FROM sqlite_master WHERE name = 'access_tokens_rebuilt'").pluck().get()).toBeUndefined();
    } finally {
      database.close();
    }
  });

  it('still refuses a second token under the same key after the rebuild', async () => {
    const file = await databaseOfMigration0014();
    await (await openStorage({ sqliteFile: file })).close();
    const database = new BetterSqlite3(file);
    try {
      const duplicate = { ...STORED_ROWS[0]!, client_id: 'someone-else' };
      expect(() =>
        database
          .prepare(`INSERT INTO access_tokens (${Object.keys(duplicate).join(', ')}) VALUES (${Object.keys(duplicate).map((name) => `@${name}`).join(', ')})`)
          .run(duplicate),
      ).toThrow(/UNIQUE constraint failed|PRIMARY KEY/);
    } finally {
      database.close();
    }
  });
});
