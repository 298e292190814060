import type { Database, Statement } from 'better-sqlite3';

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
