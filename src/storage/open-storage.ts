import { DATABASE_DEFAULTS, type DatabaseSettings } from './database-settings.js';
import { openPostgresStorage } from './postgres/pg-storage.js';
import type { Storage } from './ports.js';
import { openSqliteStorage, type BackgroundCheckpoints } from './sqlite/sqlite-storage.js';

/** Options of {@link openStorage}. */
export interface OpenStorageOptions {
  /** `DATABASE_URL`: a `postgres://` or `postgresql://` URL selects PostgreSQL; absent or empty selects SQLite. */
  readonly databaseUrl?: string;
  /** The SQLite database file (normally in the data directory); its directory is created when missing. */
  readonly sqliteFile: string;
  /** Timeouts and `Retry-After` (default {@link DATABASE_DEFAULTS}). */
  readonly settings?: DatabaseSettings;
  /** Apply pending migrations before resolving (default true). */
  readonly migrate?: boolean;
  /** SQLite only: checkpoint the WAL in a worker thread rather than inside commits (for the serving process). */
  readonly backgroundCheckpoints?: BackgroundCheckpoints;
  /** PostgreSQL only: told about failures of idle pooled connections (which the pool replaces by itself). */
  readonly onIdleConnectionError?: (error: Error) => void;
}

const POSTGRES_URL = /^postgres(?:ql)?:\/\//i;

/** Opens the adapter `options` select, without migrating; any other URL scheme is refused rather than ignored. */
function openAdapter(options: OpenStorageOptions, settings: DatabaseSettings): Storage {
  const url = options.databaseUrl;
  if (url === undefined || url === '') {
    return openSqliteStorage(options.sqliteFile, settings, options.backgroundCheckpoints === undefined ? {} : { backgroundCheckpoints: options.backgroundCheckpoints });
  }
  if (!POSTGRES_URL.test(url)) throw new Error('DATABASE_URL must be a postgres:// or postgresql:// URL');
  return openPostgresStorage({
    connectionString: url,
    settings,
    ...(options.onIdleConnectionError !== undefined && { onIdleConnectionError: options.onIdleConnectionError }),
  });
}

/**
 * Opens the configured database: PostgreSQL when `databaseUrl` is a PostgreSQL URL, else the SQLite file; then, unless
 * `migrate` is false, applies pending migrations (safe when several processes start at once). A failed migration
 * closes the storage and rejects. Every wait on the database is bounded by `settings`; a failure that is the
 * database's availability is recognisable by `storageFault` (app/guarded-storage.ts turns it into the 503).
 */
export async function openStorage(options: OpenStorageOptions): Promise<Storage> {
  const settings = options.settings ?? DATABASE_DEFAULTS;
  const storage = openAdapter(options, settings);
  if (options.migrate === false) return storage;
  try {
    await storage.migrate();
    return storage;
  } catch (error) {
    await storage.close();
    throw error;
  }
}
