import { setTimeout as delay } from 'node:timers/promises';
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import { withTimeout } from '../../shared/with-timeout.js';
import type { ObasDatabase } from '../database.types.js';
import { authorizationRepositories, transactionalRepositories } from '../kysely/authorization-repositories.js';
import type { Storage } from '../ports.js';
import { runMigrations } from '../run-migrations.js';
import { PgAccessTokenRepository } from './pg-access-tokens.repository.js';
import { PgClientRepository } from './pg-clients.repository.js';
import { PgReplayCacheRepository } from './pg-replay-cache.repository.js';

/** Options of {@link openPostgresStorage}. */
export interface PostgresStorageOptions {
  /** `postgres://` or `postgresql://` connection URL. */
  readonly connectionString: string;
  /**
   * Called when an idle pooled connection fails (server restart, network cut). The pool has already discarded it and
   * the next query opens a new one; without a listener, pg would crash the process. Default: ignore.
   */
  readonly onIdleConnectionError?: (error: Error) => void;
}

/**
 * A pool whose int8 columns parse to numbers: times are epoch milliseconds in `bigint` columns, exact in a double
 * until the year 285616.
 */
function createPool(connectionString: string): pg.Pool {
  const types = new pg.TypeOverrides();
  types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value));
  return new pg.Pool({ connectionString, types });
}

/**
 * Resolves once no query is queued or running on `pool`. `pool.end()` alone would strand queries still waiting for a
 * connection (their promises never settle), so `close` drains first; shutdown is rare, so polling is good enough.
 */
async function drained(pool: pg.Pool): Promise<void> {
  while (pool.waitingCount > 0 || pool.idleCount < pool.totalCount) await delay(2);
}

/** A checked-out connection's `error` event (the query's rejection says it already) must have a listener. */
const ignoreError = (): void => undefined;

/** Destroys a checked-out connection; its late errors (the query it abandons) go nowhere instead of crashing. */
function discard(client: pg.PoolClient): void {
  client.on('error', ignoreError);
  client.release(true);
}

/**
 * `SELECT 1` on a pooled connection, connecting and answering within `timeoutMs`. A connection that fails or does not
 * answer in time is destroyed rather than handed back, so a hung server cannot keep it.
 */
async function ping(pool: pg.Pool, timeoutMs: number): Promise<void> {
  const connecting = pool.connect();
  const client = await withTimeout(connecting, timeoutMs, 'PostgreSQL connection').catch((error: unknown) => {
    connecting.then(discard, () => undefined);
    throw error;
  });
  client.on('error', ignoreError);
  try {
    await withTimeout(client.query('SELECT 1'), timeoutMs, 'PostgreSQL');
    client.off('error', ignoreError);
    client.release();
  } catch (error) {
    discard(client);
    throw error;
  }
}

/**
 * Connects (lazily) to PostgreSQL and returns its {@link Storage}, without migrating. Kysely and the hot-path
 * prepared statements share one pool; several obas processes may share the database.
 */
export function openPostgresStorage(options: PostgresStorageOptions): Storage {
  const pool = createPool(options.connectionString);
  pool.on('error', options.onIdleConnectionError ?? (() => undefined));
  const db = new Kysely<ObasDatabase>({ dialect: new PostgresDialect({ pool }) });
  return {
    kind: 'postgres',
    clients: new PgClientRepository(pool, db),
    accessTokens: new PgAccessTokenRepository(pool, db),
    replayCache: new PgReplayCacheRepository(pool, db),
    ...authorizationRepositories(db),
    withTransaction: (work) => db.transaction().execute((trx) => work(transactionalRepositories(trx))),
    migrate: () => runMigrations(db),
    ping: (timeoutMs) => ping(pool, timeoutMs),
    close: async () => {
      await drained(pool);
      await db.destroy();
      if (!pool.ending) await pool.end();
    },
  };
}
