import { setTimeout as delay } from 'node:timers/promises';
import type pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import { withTimeout } from '../../shared/with-timeout.js';
import type { DatabaseSettings } from '../database-settings.js';
import type { ObasDatabase } from '../database.types.js';
import { authorizationRepositories, transactionalRepositories } from '../kysely/authorization-repositories.js';
import { KyselyBackchannelRequestRepository } from '../kysely/kysely-backchannel-requests.repository.js';
import type { Storage } from '../ports.js';
import { runMigrations } from '../run-migrations.js';
import { PgAccessTokenRepository } from './pg-access-tokens.repository.js';
import { PgAuthorizationCodeRepository } from './pg-authorization-codes.repository.js';
import { PgClientRepository } from './pg-clients.repository.js';
import { kyselyPool } from './pg-kysely-pool.js';
import { createPool, discard, ignoreError } from './pg-pool.js';
import { PgReplayCacheRepository } from './pg-replay-cache.repository.js';

/** Options of {@link openPostgresStorage}. */
export interface PostgresStorageOptions {
  /** `postgres://` or `postgresql://` connection URL. */
  readonly connectionString: string;
  /** Timeouts of connections and queries. */
  readonly settings: DatabaseSettings;
  /**
   * Called when an idle pooled connection fails (server restart, network cut). The pool has already discarded it and
   * the next query opens a new one; without a listener, pg would crash the process. Default: ignore.
   */
  readonly onIdleConnectionError?: (error: Error) => void;
}

/**
 * Resolves once no query is queued or running on `pool`. `pool.end()` alone would strand queries still waiting for a
 * connection (their promises never settle), so `close` drains first; shutdown is rare, so polling is good enough.
 */
async function drained(pool: pg.Pool): Promise<void> {
  while (pool.waitingCount > 0 || pool.idleCount < pool.totalCount) await delay(2);
}

/**
 * `SELECT 1` on a pooled connection, connecting and answering within `timeoutMs`. A connection that fails or does not
 * answer in time is destroyed rather than handed back, so a hung server cannot keep it.
 */
async function ping(pool: pg.Pool, timeoutMs: number): Promise<void> {
  const connecting = pool.connect();
  const client = await withTimeout(connecting, timeoutMs, 'PostgreSQL connection').catch((error: unknown) => {
    connecting.then((late) => discard(late), () => undefined);
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

/** Applies the migrations over a pool of their own, whose queries are not bounded (see `createPool`). */
async function migrate(options: PostgresStorageOptions): Promise<string[]> {
  const pool = createPool({ ...options, bounded: false, applicationName: 'obas migrations' });
  const db = new Kysely<ObasDatabase>({ dialect: new PostgresDialect({ pool }) });
  try {
    return await runMigrations(db);
  } finally {
    await db.destroy();
  }
}

/** Most connections of the pool that inserts access tokens: one batched INSERT per event-loop turn needs few. */
const ACCESS_TOKEN_INSERT_CONNECTIONS = 4;

/**
 * The pool that inserts issued access tokens: with `accessTokenCommit: asynchronous`, a small pool of its own whose
 * sessions commit asynchronously, so that no other write shares that setting; otherwise the request pool.
 */
function accessTokenInsertPool(options: PostgresStorageOptions, requestPool: pg.Pool): pg.Pool {
  if (options.settings.accessTokenCommit === 'synchronous') return requestPool;
  return createPool({
    ...options,
    bounded: true,
    applicationName: 'obas access-token inserts',
    asynchronousCommit: true,
    maxConnections: ACCESS_TOKEN_INSERT_CONNECTIONS,
  });
}

/**
 * Connects (lazily) to PostgreSQL and returns its {@link Storage}, without migrating. Kysely and the hot-path
 * prepared statements share one pool whose every wait is bounded, and whose connections are replaced when they break
 * or stop answering; access-token inserts use a second such pool when they commit asynchronously. Several obas
 * processes may share the database.
 */
export function openPostgresStorage(options: PostgresStorageOptions): Storage {
  const pool = createPool({ ...options, bounded: true, applicationName: 'obas' });
  const insertPool = accessTokenInsertPool(options, pool);
  const pools = insertPool === pool ? [pool] : [pool, insertPool];
  for (const each of pools) each.on('error', options.onIdleConnectionError ?? (() => undefined));
  const db = new Kysely<ObasDatabase>({ dialect: new PostgresDialect({ pool: kyselyPool(pool) }) });
  return {
    kind: 'postgres',
    clients: new PgClientRepository(pool, db),
    accessTokens: new PgAccessTokenRepository({ reads: pool, inserts: insertPool }, db),
    replayCache: new PgReplayCacheRepository(pool, db),
    ...authorizationRepositories(db),
    authorizationCodes: new PgAuthorizationCodeRepository(pool, db),
    backchannelRequests: new KyselyBackchannelRequestRepository(db),
    withTransaction: (work) => db.transaction().execute((trx) => work(transactionalRepositories(trx))),
    migrate: () => migrate(options),
    ping: (timeoutMs) => ping(pool, timeoutMs),
    close: async () => {
      await Promise.all(pools.map(drained));
      await db.destroy();
      await Promise.all(pools.filter((each) => !each.ending).map((each) => each.end()));
    },
  };
}
