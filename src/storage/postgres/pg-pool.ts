import pg from 'pg';
import type { DatabaseSettings } from '../database-settings.js';

/** Options of {@link createPool}. */
export interface PoolOptions {
  readonly connectionString: string;
  readonly settings: DatabaseSettings;
  /**
   * Whether queries are bounded by `queryTimeoutMs` and the server-side timeouts. Only migrations run unbounded: a
   * schema change may take long, and waiting for another process's migration lock is expected.
   */
  readonly bounded: boolean;
  /** `application_name` of its sessions, which `pg_stat_activity` shows. */
  readonly applicationName: string;
  /** Sets `synchronous_commit = off` on its sessions (see `AccessTokenCommit`): only for the access-token inserts. */
  readonly asynchronousCommit?: boolean;
  /** Most connections at once; node-postgres's default (10) when absent. */
  readonly maxConnections?: number;
}

/** PostgreSQL's "use the server's setting" for its timeouts: node-postgres sends none when the value is falsy. */
const serverTimeout = (ms: number): number | undefined => (ms === 0 ? undefined : ms);

/**
 * A pool whose int8 columns parse to numbers (times are epoch milliseconds in `bigint` columns, exact in a double
 * until the year 285616) and whose waits are bounded: a connection, new or from the full pool, within
 * `connectTimeoutMs`; when `bounded`, an answer within `queryTimeoutMs` (node-postgres `query_timeout`), and the server
 * cancels statements after `statement_timeout` and ends sessions idle in a transaction after
 * `idle_in_transaction_session_timeout`; its sessions carry `applicationName`, and commit asynchronously when asked.
 * `pool.query` destroys the connection of a query that failed; so do the
 * checkouts of `pg-kysely-pool.ts` when the server did not answer.
 */
export function createPool(options: PoolOptions): pg.Pool {
  const { settings } = options;
  const types = new pg.TypeOverrides();
  types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value));
  return new pg.Pool({
    connectionString: options.connectionString,
    types,
    connectionTimeoutMillis: settings.connectTimeoutMs,
    application_name: options.applicationName,
    ...(options.asynchronousCommit === true && { options: '-c synchronous_commit=off' }),
    ...(options.maxConnections !== undefined && { max: options.maxConnections }),
    ...(options.bounded && {
      query_timeout: settings.queryTimeoutMs,
      statement_timeout: serverTimeout(settings.statementTimeoutMs),
      idle_in_transaction_session_timeout: serverTimeout(settings.idleInTransactionTimeoutMs),
    }),
  });
}

/** A checked-out connection's `error` event (the query's rejection says it already) must have a listener. */
export const ignoreError = (): void => undefined;

/** Destroys a checked-out connection; its late errors (the query it abandons) go nowhere instead of crashing. */
export function discard(client: pg.PoolClient, reason: Error = new Error('connection discarded')): void {
  client.on('error', ignoreError);
  client.release(reason);
}
