import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import pg from 'pg';
import { discard } from './pg-pool.js';

/** Kysely's rollback statement (PostgresDriver.rollbackTransaction). */
const ROLLBACK = 'rollback';
const NOTHING: PostgresQueryResult<never> = { command: 'SELECT', rowCount: 0, rows: [] };

const asError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));

/**
 * One checkout of a connection for Kysely. When the connection fails (its `error` event: cut, reset, ended by the
 * server) or a query fails without the server answering (a `query_timeout`: anything but a `DatabaseError`), its state
 * is unknown, possibly still waiting for that answer, so it is destroyed at once rather than handed back to the pool.
 * Later queries of the checkout then fail at once, except the rollback Kysely sends when a transaction fails, which
 * succeeds without a round trip (the server rolls back the transaction of a closed connection by itself), so that
 * the transaction's own failure is the one reported. Kysely releases the checkout as usual; the connection is gone.
 */
function checkout(client: pg.PoolClient): PostgresPoolClient {
  let broken: Error | undefined;
  const breakOff = (error: Error): void => {
    if (broken !== undefined) return;
    broken = error;
    client.off('error', breakOff);
    discard(client, error);
  };
  client.on('error', breakOff);
  const query = async <R>(sql: string, parameters: readonly unknown[]): Promise<PostgresQueryResult<R>> => {
    if (broken !== undefined) {
      if (sql === ROLLBACK) return NOTHING;
      throw new Error('connection discarded after it failed', { cause: broken });
    }
    try {
      const { command, rowCount, rows } = await client.query(sql, [...parameters]);
      return { command: command as PostgresQueryResult<R>['command'], rowCount: rowCount ?? 0, rows: rows as R[] };
    } catch (error) {
      if (!(error instanceof pg.DatabaseError)) breakOff(asError(error));
      throw error;
    }
  };
  return {
    // Kysely uses the cursor overload only when the dialect is given a `cursor` class, which obas never does.
    query: query as PostgresPoolClient['query'],
    release: () => {
      if (broken !== undefined) return;
      client.off('error', breakOff);
      client.release();
    },
  };
}

/**
 * The pool as Kysely's PostgresDialect sees it: connections from `pool` (bounded waits, see `pg-pool.ts`), each
 * checkout destroying its connection when it broke or a query on it got no answer, inside a transaction or not.
 */
export function kyselyPool(pool: pg.Pool): PostgresPool {
  return {
    connect: async () => checkout(await pool.connect()),
    end: () => pool.end(),
  };
}
