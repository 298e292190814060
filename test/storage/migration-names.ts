import { obasMigrationProvider } from '../../src/storage/migrations/migration-provider.js';

/** Names of every migration obas ships, in application order: what a fresh database gets. */
export async function allMigrationNames(): Promise<string[]> {
  return Object.keys(await obasMigrationProvider.getMigrations()).sort();
}
