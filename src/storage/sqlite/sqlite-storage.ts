import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely } from 'kysely';
import type { DatabaseSettings } from '../database-settings.js';
import type { ObasDatabase } from '../database.types.js';
import { authorizationRepositories, transactionalRepositories } from '../kysely/authorization-repositories.js';
import { KyselyBackchannelRequestRepository } from '../kysely/kysely-backchannel-requests.repository.js';
import type { Storage } from '../ports.js';
import { runMigrations } from '../run-migrations.js';
import { SqliteAccessTokenRepository } from './sqlite-access-tokens.repository.js';
import { SqliteAuthorizationCodeRepository } from './sqlite-authorization-codes.repository.js';
import { SqliteConsentRepository } from './sqlite-consents.repository.js';
import { SqliteGrantRepository } from './sqlite-grants.repository.js';
import { SqliteRefreshTokenRepository } from './sqlite-refresh-tokens.repository.js';
import { SqliteClientRepository } from './sqlite-clients.repository.js';
import { SqliteBusyWait } from './sqlite-busy-wait.js';
import { ImmediateSqliteDialect } from './sqlite-dialect.js';
import { SqliteGroupCommit } from './sqlite-group-commit.js';
import { SqliteReplayCacheRepository } from './sqlite-replay-cache.repository.js';
import { startWalCheckpointer } from './sqlite-wal-checkpointer.js';

/** WAL checkpoints in a worker thread, off the event loop (the serving process); `onFailure` hears of the thread's failure. */
export interface BackgroundCheckpoints {
  readonly onFailure: (error: Error) => void;
}

/**
 * How long migrations wait for another connection's write lock: a process starting beside others waits for their
 * migrations, which may take longer than the busy timeout of requests.
 */
const MIGRATION_BUSY_TIMEOUT_MS = 30_000;
/**
 * WAL pages written before an automatic checkpoint (default 1000). Measured with batched token inserts: 1000 → ~40 µs
 * per insert, 4000 → ~30 µs, with checkpoint pauses still short; the WAL file grows to ~16 MiB.
 */
const WAL_AUTOCHECKPOINT_PAGES = 4000;
/**
 * Size the WAL file is cut back to when it starts over, so that one burst does not keep its disk space; without the
 * background checkpointer only. The cut is an `ftruncate` inside the first commit after the WAL starts over, on the
 * event loop: freeing tens of MiB took 23 ms here, a pause every request in flight waited through. With the background
 * checkpointer the WAL starts over once past 16 MiB (see `sqlite-wal-checkpointer.ts`), so its file keeps the size it
 * reached (16 MiB plus what commits added while a checkpoint ran) and is never cut.
 */
const JOURNAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024;
/** Page cache (KiB, negative per SQLite): holds the token hash index of several hundred thousand live tokens. */
const CACHE_SIZE_KIB = 32768;

/**
 * Opens (creating it and its directory if needed) the SQLite database file and returns its {@link Storage}, without
 * migrating. Kysely and the hot-path statements share the one connection (closed by `close`, even when Kysely was
 * never used); hot-path writes go through a {@link SqliteGroupCommit}, whose commits stay open
 * `settings.sqliteCommitWindowMs` for more writes while writes arrive side by side. WAL lets readers run beside the
 * single writer; `synchronous=NORMAL` is durable across application crashes in WAL mode (a power loss may drop the last
 * commits, never corrupt the file). Processes sharing the file wait for each other's write lock up to
 * `settings.sqliteBusyTimeoutMs`, without holding the event loop ({@link SqliteBusyWait}); a statement still locked
 * out after that fails with `SQLITE_BUSY` (a 503, see `app/guarded-storage.ts`). With `backgroundCheckpoints` the WAL
 * is checkpointed by a worker thread instead of inside commits (see `sqlite-wal-checkpointer.ts`).
 */
export function openSqliteStorage(
  file: string,
  settings: Pick<DatabaseSettings, 'sqliteBusyTimeoutMs' | 'sqliteCommitWindowMs'>,
  options: { readonly backgroundCheckpoints?: BackgroundCheckpoints } = {},
): Storage {
  mkdirSync(dirname(file), { recursive: true });
  const database = new BetterSqlite3(file, { timeout: settings.sqliteBusyTimeoutMs });
  const busyWait = new SqliteBusyWait(database, settings.sqliteBusyTimeoutMs);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  database.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
  database.pragma(`cache_size = -${CACHE_SIZE_KIB}`);
  database.pragma(`journal_size_limit = ${options.backgroundCheckpoints === undefined ? JOURNAL_SIZE_LIMIT_BYTES : -1}`);
  const checkpointer =
    options.backgroundCheckpoints === undefined
      ? undefined
      : startWalCheckpointer(database, {
          file,
          busyTimeoutMs: settings.sqliteBusyTimeoutMs,
          fallbackAutocheckpointPages: WAL_AUTOCHECKPOINT_PAGES,
          onFailure: options.backgroundCheckpoints.onFailure,
        });
  busyWait.takeOver();
  const db = new Kysely<ObasDatabase>({ dialect: new ImmediateSqliteDialect(database, busyWait) });
  const writes = new SqliteGroupCommit(database, busyWait, settings.sqliteCommitWindowMs);
  const pingStatement = database.prepare('SELECT 1');
  return {
    kind: 'sqlite',
    clients: new SqliteClientRepository(database, db, busyWait),
    accessTokens: new SqliteAccessTokenRepository(database, db, writes, busyWait),
    replayCache: new SqliteReplayCacheRepository(database, db, writes),
    ...authorizationRepositories(db),
    authorizationCodes: new SqliteAuthorizationCodeRepository(database, db, writes),
    grants: new SqliteGrantRepository(database, db, busyWait),
    refreshTokens: new SqliteRefreshTokenRepository(database, db, writes, busyWait),
    consents: new SqliteConsentRepository(database, db, busyWait),
    backchannelRequests: new KyselyBackchannelRequestRepository(db),
    withTransaction: (work) => db.transaction().execute((trx) => work(transactionalRepositories(trx))),
    migrate: () => busyWait.during(MIGRATION_BUSY_TIMEOUT_MS, () => runMigrations(db)),
    // Synchronous and local: it answers at once or throws (file gone, database closed); no timer needed.
    ping: async () => void (await busyWait.read(() => pingStatement.get())),
    close: async () => {
      await checkpointer?.stop();
      writes.flush();
      await db.destroy();
      if (database.open) database.close();
    },
  };
}
