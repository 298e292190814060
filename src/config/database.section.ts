import { ACCESS_TOKEN_COMMITS, DATABASE_DEFAULTS, type DatabaseSettings, type DatabaseTimingKey } from '../storage/database-settings.js';
import { childPath, type ConfigChecker } from './config-checker.js';

/** The bounds of each timing key: min, max, unit. */
const BOUNDS: Readonly<Record<DatabaseTimingKey, readonly [number, number, string]>> = {
  connectTimeoutMs: [100, 60_000, ' ms'],
  queryTimeoutMs: [100, 600_000, ' ms'],
  statementTimeoutMs: [0, 600_000, ' ms (0: the server setting)'],
  idleInTransactionTimeoutMs: [0, 3_600_000, ' ms (0: the server setting)'],
  sqliteBusyTimeoutMs: [0, 60_000, ' ms'],
  sqliteCommitWindowMs: [0, 20, ' ms (0: commit at the next event-loop turn)'],
  retryAfterSeconds: [1, 3_600, ' s'],
};

const TIMING_KEYS = Object.keys(BOUNDS) as DatabaseTimingKey[];

/** What the `database` section selects and how long obas waits for it. */
export interface DatabaseSection {
  /** `database.url` / `DATABASE_URL`: PostgreSQL when set. */
  readonly databaseUrl?: string;
  /** `database.sqliteFile`: the SQLite file otherwise. */
  readonly sqliteFile: string;
  readonly settings: DatabaseSettings;
}

/** `database.url` / `DATABASE_URL`: a PostgreSQL URL. Credentials (anything before the last `@`) are never echoed. */
function readDatabaseUrl(checker: ConfigChecker, value: unknown, path: string): string | undefined {
  const expected = 'a postgres:// or postgresql:// URL';
  if (typeof value !== 'string') return checker.report(path, `got a ${typeof value}, expected ${expected}`);
  if (/^postgres(ql)?:\/\/./.test(value) && URL.canParse(value)) return value;
  return checker.fail(path, value.replace(/^([a-z][a-z0-9+.-]*:\/\/)?.*@/is, '$1***@'), expected);
}

function readSettings(checker: ConfigChecker, section: Record<string, unknown>, path: string): DatabaseSettings {
  const read = (key: DatabaseTimingKey): number => {
    const [min, max, unit] = BOUNDS[key];
    const value = section[key];
    return value === undefined ? DATABASE_DEFAULTS[key] : (checker.integer(value, childPath(path, key), min, max, unit) ?? DATABASE_DEFAULTS[key]);
  };
  const settings: DatabaseSettings = {
    connectTimeoutMs: read('connectTimeoutMs'),
    queryTimeoutMs: read('queryTimeoutMs'),
    statementTimeoutMs: read('statementTimeoutMs'),
    idleInTransactionTimeoutMs: read('idleInTransactionTimeoutMs'),
    sqliteBusyTimeoutMs: read('sqliteBusyTimeoutMs'),
    sqliteCommitWindowMs: read('sqliteCommitWindowMs'),
    retryAfterSeconds: read('retryAfterSeconds'),
    accessTokenCommit:
      section['accessTokenCommit'] === undefined
        ? DATABASE_DEFAULTS.accessTokenCommit
        : (checker.oneOf(section['accessTokenCommit'], childPath(path, 'accessTokenCommit'), ACCESS_TOKEN_COMMITS) ?? DATABASE_DEFAULTS.accessTokenCommit),
  };
  const { statementTimeoutMs, queryTimeoutMs } = settings;
  if (statementTimeoutMs >= queryTimeoutMs) {
    const bound = `less than ${checker.keyOf(childPath(path, 'queryTimeoutMs'))} (${queryTimeoutMs}), so that the server cancels a slow statement before obas drops its connection`;
    checker.fail(childPath(path, 'statementTimeoutMs'), statementTimeoutMs, bound);
  }
  return settings;
}

/**
 * `database`: which database (`url`, else `sqliteFile`, default `defaultSqliteFile`) and how long obas waits for it
 * (`connectTimeoutMs`, `queryTimeoutMs`, `statementTimeoutMs`, `idleInTransactionTimeoutMs`, `sqliteBusyTimeoutMs`),
 * how long SQLite's group commits stay open (`sqliteCommitWindowMs`), how long it asks callers to wait while it is
 * unavailable (`retryAfterSeconds`), and how PostgreSQL commits access tokens
 * (`accessTokenCommit`); defaults in `storage/database-settings.ts`.
 */
export function readDatabase(checker: ConfigChecker, raw: unknown, defaultSqliteFile: string, path = 'database'): DatabaseSection {
  const section = raw === undefined ? {} : (checker.object(raw, path, ['url', 'sqliteFile', ...TIMING_KEYS, 'accessTokenCommit']) ?? {});
  const databaseUrl = section['url'] === undefined ? undefined : readDatabaseUrl(checker, section['url'], childPath(path, 'url'));
  const sqliteFile = section['sqliteFile'] === undefined ? defaultSqliteFile : checker.filePath(section['sqliteFile'], childPath(path, 'sqliteFile'));
  return {
    ...(databaseUrl === undefined ? {} : { databaseUrl }),
    sqliteFile: sqliteFile ?? '',
    settings: readSettings(checker, section, path),
  };
}
