import type { ObasConfig } from '../config/config.types.js';
import { openStorage } from '../storage/open-storage.js';
import type { Storage } from '../storage/ports.js';

/** Opens (and migrates) the database `config` names, SQLite or PostgreSQL, with its timeouts (`database`). */
export function openConfiguredStorage(config: Pick<ObasConfig, 'sqliteFile' | 'databaseUrl' | 'database'>): Promise<Storage> {
  return openStorage({
    sqliteFile: config.sqliteFile,
    ...(config.databaseUrl === undefined ? {} : { databaseUrl: config.databaseUrl }),
    settings: config.database,
  });
}
