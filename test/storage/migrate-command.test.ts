import { describe, expect, it } from 'vitest';
import { migrateCommand } from '../../src/cli/migrate.command.js';
import { postgresAvailable } from '../support/postgres.js';
import { allMigrationNames } from './migration-names.js';
import { newPostgresTarget, newSqliteTarget, type NewStorageTarget } from './storage-targets.js';

async function migrate(location: { databaseUrl?: string; sqliteFile: string }): Promise<string[]> {
  const lines: string[] = [];
  const command = migrateCommand(async () => location, (line) => lines.push(line));
  command.exitOverride();
  await command.parseAsync([], { from: 'user' });
  return lines;
}

describe.each([
  { kind: 'sqlite', newTarget: newSqliteTarget, skip: false },
  { kind: 'postgres', newTarget: newPostgresTarget as NewStorageTarget, skip: !postgresAvailable },
])('obas migrate ($kind)', ({ kind, newTarget, skip }) => {
  it.skipIf(skip)('applies the migrations once, then says the schema is up to date', async () => {
    const target = await newTarget();
    try {
      expect(await migrate(target.location)).toStrictEqual((await allMigrationNames()).map((name) => `applied ${name} (${kind})`));
      expect(await migrate(target.location)).toStrictEqual([`${kind} database schema is up to date`]);
      const storage = await target.open({ migrate: false });
      expect(await storage.migrate()).toStrictEqual([]);
      await storage.close();
    } finally {
      await target.dispose();
    }
  });
});
