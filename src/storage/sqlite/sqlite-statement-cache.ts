import type { Database, Statement } from 'better-sqlite3';
import type { CompiledQuery, QueryResult } from 'kysely';

const MAX_CACHED_STATEMENTS = 500;

/**
 * Runs Kysely's compiled queries on better-sqlite3 with each distinct SQL text prepared once: Kysely's own SQLite
 * connection prepares the statement again on every query, which costs more than running it on the token paths. The
 * SQL text is the key (parameters are bound at run time), and the cache is bounded: once full it starts over.
 */
export class SqliteStatementCache {
  readonly #database: Database;
  readonly #statements = new Map<string, Statement>();

  constructor(database: Database) {
    this.#database = database;
  }

  /** Runs one query synchronously; the result has the shape Kysely's SQLite connection gives. */
  execute<R>(query: CompiledQuery): QueryResult<R> {
    const statement = this.#prepared(query.sql);
    const parameters = query.parameters as unknown[];
    if (statement.reader) return { rows: statement.all(...parameters) as R[] };
    const { changes, lastInsertRowid } = statement.run(...parameters);
    return { rows: [], numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid) };
  }

  #prepared(sql: string): Statement {
    let statement = this.#statements.get(sql);
    if (statement === undefined) {
      statement = this.#database.prepare(sql);
      if (this.#statements.size >= MAX_CACHED_STATEMENTS) this.#statements.clear();
      this.#statements.set(sql, statement);
    }
    return statement;
  }
}
