import type { Database } from 'better-sqlite3';
import type { SqliteBusyWait } from './sqlite-busy-wait.js';
import { preparedOnce } from './sqlite-prepared.js';

/** Finds one record by its key; `waitingRead` is the Kysely read used while a unit of work holds the connection. */
export type CommittedFinder<Found> = (key: string, waitingRead: () => Promise<Found | undefined>) => Promise<Found | undefined>;

/**
 * A hot-path lookup by one key: `sql` (one `?`) prepared once, its row mapped by `fromRow` — unless a unit of work of
 * the transaction port holds the connection's transaction at that moment (its statements interleave with other
 * requests' on the one connection, so a direct read would see its uncommitted rows): then it reads through
 * `waitingRead` (Kysely), which queues behind that transaction. Refused for another connection's lock, the read waits
 * through `busyWait`.
 */
export function committedFinder<Row, Found>(
  database: Database,
  busyWait: SqliteBusyWait,
  sql: string,
  fromRow: (row: Row) => Found,
): CommittedFinder<Found> {
  const statement = preparedOnce<[string], Row>(database, sql);
  return async (key, waitingRead) => {
    if (database.inTransaction) return waitingRead();
    const row = await busyWait.read(() => statement().get(key));
    return row === undefined ? undefined : fromRow(row);
  };
}
