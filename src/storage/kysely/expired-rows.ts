import { setImmediate as nextTurn } from 'node:timers/promises';
import { sql, type Kysely } from 'kysely';
import type { ObasDatabase } from '../database.types.js';

/**
 * Most rows one housekeeping statement deletes. Bounded so that clearing a large backlog (a table that grew while
 * housekeeping was off or failing) never becomes one statement that outlasts `database.statementTimeoutMs` or holds
 * its locks for long; each batch is its own short statement. On SQLite a statement runs on the event loop (about 3 µs
 * a row with the token indexes): 500 rows hold requests back ~1.5 ms at most.
 */
export const EXPIRED_ROWS_PER_STATEMENT = 500;

/** The tables whose rows end at `expires_at`, with their primary key columns. */
const EXPIRING_TABLES = {
  access_tokens: ['token_hash'],
  replay_cache: ['namespace', 'id'],
  authorization_codes: ['code_hash'],
  pushed_requests: ['request_uri_hash'],
  interactions: ['interaction_hash'],
  refresh_tokens: ['token_hash'],
  grants: ['grant_id'],
  backchannel_requests: ['request_hash'],
} as const satisfies Partial<Record<keyof ObasDatabase, readonly string[]>>;

/** A table housekeeping deletes expired rows from. */
export type ExpiringTable = keyof typeof EXPIRING_TABLES;

/**
 * Deletes every row of `table` that expired before `before`, at most `batch` rows per statement (picked by primary
 * key through the `expires_at` index), until a statement deletes fewer, letting other work run between statements;
 * resolves the number deleted. Same SQL on SQLite and PostgreSQL.
 */
export async function deleteExpiredRows(db: Kysely<ObasDatabase>, table: ExpiringTable, before: Date, batch = EXPIRED_ROWS_PER_STATEMENT): Promise<number> {
  const key = sql.join(EXPIRING_TABLES[table].map((column) => sql.ref(column)));
  let deleted = 0;
  for (;;) {
    const result = await sql`DELETE FROM ${sql.table(table)} WHERE (${key}) IN (SELECT ${key} FROM ${sql.table(table)} WHERE expires_at < ${before.getTime()} LIMIT ${batch})`.execute(db);
    const count = Number(result.numAffectedRows ?? 0n);
    deleted += count;
    if (count < batch) return deleted;
    await nextTurn(); // lets the event loop serve what waits (requests, group commits) before the next batch
  }
}
