import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStorage } from '../../src/storage/open-storage.js';
import { createTestDatabase, postgresAvailable, sqliteTestFile, type TestDatabase } from '../support/postgres.js';

const sqliteFile = sqliteTestFile();
afterAll(() => rm(dirname(sqliteFile), { recursive: true, force: true }));

describe('openStorage', () => {
  it('uses the SQLite file when no database URL (or an empty one) is given', async () => {
    for (const options of [{ sqliteFile }, { sqliteFile, databaseUrl: '' }]) {
      const storage = await openStorage(options);
      expect(storage.kind).toBe('sqlite');
      await storage.close();
    }
  });

  it('refuses a database URL that is not PostgreSQL rather than silently using SQLite', async () => {
    await expect(openStorage({ sqliteFile, databaseUrl: 'mysql://localhost/obas' })).rejects.toThrow(/postgres/);
  });

  describe.skipIf(!postgresAvailable)('with PostgreSQL', () => {
    let database: TestDatabase | undefined;
    afterAll(async () => database?.drop());

    it('uses PostgreSQL for postgres:// and postgresql:// URLs, migrated', async () => {
      database = await createTestDatabase();
      const url = database?.url ?? '';
      for (const databaseUrl of [url, url.replace(/^postgres:/, 'postgresql:')]) {
        const storage = await openStorage({ sqliteFile, databaseUrl });
        expect(storage.kind).toBe('postgres');
        expect(await storage.clients.list()).toStrictEqual([]);
        await storage.close();
      }
    });
  });
});
