import type { Database } from 'better-sqlite3';

/**
 * Finds one record on a hot path with a prepared statement (`row`, mapped by `fromRow`), unless a unit of work of the
 * transaction port holds the connection's transaction at this moment (its statements interleave with other requests'
 * on the one connection, so a direct read would see its uncommitted rows): then it reads through `waitingRead`
 * (Kysely), which queues behind that transaction.
 */
export async function findCommitted<Row, Found>(
  database: Database,
  row: () => Row | undefined,
  fromRow: (row: Row) => Found,
  waitingRead: () => Promise<Found | undefined>,
): Promise<Found | undefined> {
  if (database.inTransaction) return waitingRead();
  const found = row();
  return found === undefined ? undefined : fromRow(found);
}
