import type { ObasConfig } from '../config/config.types.js';
import { openStorage } from '../storage/open-storage.js';
import type { Storage } from '../storage/ports.js';

/**
 * Opens (and migrates) the database `config` names, SQLite or PostgreSQL, with its timeouts (`database`); `serving`
 * (the server, not a CLI command) checkpoints SQLite's WAL in a background thread, telling `onFailure` if it fails.
 */
export function openConfiguredStorage(
  config: Pick<ObasConfig, 'sqliteFile' | 'databaseUrl' | 'database'>,
  serving?: { readonly onCheckpointerFailure: (error: Error) => void },
): Promise<Storage> {
  return openStorage({
    sqliteFile: config.sqliteFile,
    ...(serving === undefined ? {} : { backgroundCheckpoints: { onFailure: serving.onCheckpointerFailure } }),
    ...(config.databaseUrl === undefined ? {} : { databaseUrl: config.databaseUrl }),
    settings: config.database,
  });
}
