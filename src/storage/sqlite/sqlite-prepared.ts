import type { Database, Statement } from 'better-sqlite3';
import type { Kysely, RawBuilder } from 'kysely';
import type { ObasDatabase } from '../database.types.js';

/** A statement prepared on its first use, then reused. */
export type LazyStatement<Parameters extends unknown[], Row = never> = () => Statement<Parameters, Row>;

/**
 * Prepares `sql` on first use and reuses the statement afterwards. Preparing lazily lets a storage be opened before its
 * migrations run (`obas migrate` opens, then migrates).
 */
export function preparedOnce<Parameters extends unknown[], Row = never>(
  database: Database,
  sql: string,
): LazyStatement<Parameters, Row> {
  let statement: Statement<Parameters, Row> | undefined;
  return () => (statement ??= database.prepare<Parameters, Row>(sql));
}

/**
 * The text of a one-key Kysely query compiled for SQLite, to prepare once with the key bound to its `?`: the hot path
 * runs the very statement the Kysely repository runs, so the two cannot drift.
 */
export function sqliteTextOf<Row>(query: (key: string) => RawBuilder<Row>, db: Kysely<ObasDatabase>): string {
  return query('').compile(db).sql;
}
