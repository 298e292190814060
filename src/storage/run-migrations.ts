import { Migrator, type Kysely } from 'kysely';
import type { ObasDatabase } from './database.types.js';
import { obasMigrationProvider } from './migrations/migration-provider.js';

/** Name of the table recording applied migrations (its lock table adds `_lock`). */
const MIGRATION_TABLE = 'obas_migration';

/**
 * Applies pending migrations and resolves the names applied (empty when up to date). On PostgreSQL Kysely holds a
 * session advisory lock (`pg_advisory_lock`) around one transaction, so processes starting together serialise and the
 * later ones find nothing to do; on SQLite the migration transaction is `BEGIN IMMEDIATE` (see `sqlite-dialect.ts`),
 * which takes the database write lock before reading the migration table.
 */
export async function runMigrations(db: Kysely<ObasDatabase>): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: obasMigrationProvider,
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: `${MIGRATION_TABLE}_lock`,
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results.find((result) => result.status === 'Error')?.migrationName;
    const reason = error instanceof Error ? error.message : String(error);
    const what = failed === undefined ? 'database migrations could not run' : `database migration ${failed} failed`;
    throw new Error(`${what}: ${reason}`, { cause: error });
  }
  return results.filter((result) => result.status === 'Success').map((result) => result.migrationName);
}
