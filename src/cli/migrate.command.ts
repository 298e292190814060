import { Command } from 'commander';
import { openStorage } from '../storage/open-storage.js';

/** Where the database is: what `openStorage` needs, resolved from the configuration when the command runs. */
export interface StorageLocation {
  readonly databaseUrl?: string;
  readonly sqliteFile: string;
}

/**
 * `obas migrate`: applies pending migrations to the configured database (the SQLite file in the data directory, or
 * `DATABASE_URL`), prints each migration applied or that the schema is up to date, and closes. `obas start` migrates
 * by itself; this is for deployments that migrate as a separate step. `print` receives each output line.
 */
export function migrateCommand(
  loadStorageOptions: () => Promise<StorageLocation>,
  print: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Command {
  return new Command('migrate')
    .description('apply pending database migrations (SQLite file in the data directory, or DATABASE_URL)')
    .action(async () => {
      const storage = await openStorage({ ...(await loadStorageOptions()), migrate: false });
      try {
        const applied = await storage.migrate();
        if (applied.length === 0) print(`${storage.kind} database schema is up to date`);
        for (const name of applied) print(`applied ${name} (${storage.kind})`);
      } finally {
        await storage.close();
      }
    });
}
