import { setImmediate as nextTurn } from 'node:timers/promises';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { ObasDatabase } from '../database.types.js';
import { issueTimeKeyPrefix, TIME_KEYED_TOKEN_KEY_LENGTH } from '../token-key-layout.js';

/**
 * Most rows one housekeeping statement deletes. Bounded so that clearing a large backlog (a table that grew while
 * housekeeping was off or failing) never becomes one statement that outlasts `database.statementTimeoutMs` or holds
 * its locks for long; each batch is its own short statement. On SQLite a statement runs on the event loop (about 3 µs
 * a row with the token indexes): 500 rows hold requests back ~1.5 ms at most.
 */
export const EXPIRED_ROWS_PER_STATEMENT = 500;

/** The tables whose rows end at `expires_at`, with their primary key columns. */
const EXPIRING_TABLES = {
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

/** Runs `deleteBatch` (one statement deleting at most `batch` rows) until it deletes fewer, yielding in between. */
async function deleteInBatches(deleteBatch: () => Promise<number>, batch: number): Promise<number> {
  let deleted = 0;
  for (;;) {
    const count = await deleteBatch();
    deleted += count;
    if (count < batch) return deleted;
    await nextTurn(); // lets the event loop serve what waits (requests, group commits) before the next batch
  }
}

/** Runs a `DELETE` and resolves the number of rows it deleted. */
async function deleted(db: Kysely<ObasDatabase>, statement: RawBuilder<unknown>): Promise<number> {
  return Number((await statement.execute(db)).numAffectedRows ?? 0n);
}

/**
 * Deletes every row of `table` that expired before `before`, at most `batch` rows per statement (picked by primary
 * key through the `expires_at` index), until a statement deletes fewer, letting other work run between statements;
 * resolves the number deleted. Same SQL on SQLite and PostgreSQL.
 */
export function deleteExpiredRows(db: Kysely<ObasDatabase>, table: ExpiringTable, before: Date, batch = EXPIRED_ROWS_PER_STATEMENT): Promise<number> {
  const key = sql.join(EXPIRING_TABLES[table].map((column) => sql.ref(column)));
  return deleteInBatches(
    () => deleted(db, sql`DELETE FROM ${sql.table(table)} WHERE (${key}) IN (SELECT ${key} FROM ${sql.table(table)} WHERE expires_at < ${before.getTime()} LIMIT ${batch})`),
    batch,
  );
}

/**
 * Deletes the access tokens that expired before `before`, in batches as {@link deleteExpiredRows}, without an index on
 * `expires_at` for the keys that start with the issue time: those of tokens issued before `issuedBefore` are read in
 * key order (a range of the primary key), each deleted only if it did expire before `before` — so choosing
 * `issuedBefore` as `before` less the longest lifetime leaves nothing live in the range, and a token that lives
 * longer than that (issued under an earlier configuration) is kept until it expires. Tokens keyed by hash alone
 * (earlier versions) are found through the `expires_at` index that holds them only.
 */
export async function deleteExpiredAccessTokens(db: Kysely<ObasDatabase>, before: Date, issuedBefore: Date, batch = EXPIRED_ROWS_PER_STATEMENT): Promise<number> {
  const expired = sql`expires_at < ${before.getTime()}`;
  const keyedBefore = issueTimeKeyPrefix(issuedBefore.getTime());
  const unkeyed = sql`length(token_hash) <> ${sql.lit(TIME_KEYED_TOKEN_KEY_LENGTH)}`;
  const byKey = await deleteInBatches(
    () => deleted(db, sql`DELETE FROM access_tokens WHERE token_hash IN (SELECT token_hash FROM access_tokens WHERE token_hash < ${keyedBefore} AND ${expired} LIMIT ${batch})`),
    batch,
  );
  const ofEarlierVersions = await deleteInBatches(
    () => deleted(db, sql`DELETE FROM access_tokens WHERE token_hash IN (SELECT token_hash FROM access_tokens WHERE ${unkeyed} AND ${expired} LIMIT ${batch})`),
    batch,
  );
  return byKey + ofEarlierVersions;
}
