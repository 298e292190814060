import type { Database } from 'better-sqlite3';
import {
  CompiledQuery,
  SqliteAdapter,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type DialectAdapter,
  type Driver,
} from 'kysely';
import type { SqliteBusyWait } from './sqlite-busy-wait.js';
import { SqliteStatementCache } from './sqlite-statement-cache.js';

/**
 * Starts every transaction with `BEGIN IMMEDIATE`: the write lock is taken up front. Every statement (that `BEGIN`
 * included) waits for another connection's lock through the {@link SqliteBusyWait}, off the event loop, and runs
 * through a {@link SqliteStatementCache}, so that a query's SQL is prepared once, not on every run.
 */
class ImmediateTransactionSqliteDriver extends SqliteDriver {
  readonly #busyWait: SqliteBusyWait;
  readonly #statements: SqliteStatementCache;
  #connection: DatabaseConnection | undefined;

  constructor(database: Database, busyWait: SqliteBusyWait) {
    super({ database });
    this.#busyWait = busyWait;
    this.#statements = new SqliteStatementCache(database);
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await super.acquireConnection();
    this.#connection ??= {
      executeQuery: (query) => this.#busyWait.run(() => this.#statements.execute(query)),
      streamQuery: (query, chunkSize) => connection.streamQuery(query, chunkSize),
    };
    return this.#connection;
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

/** SQLite runs DDL inside transactions; saying so makes Kysely's migrator wrap the migrations in one. */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

/**
 * Kysely's SQLite dialect, made safe for several processes sharing one database file: transactions take the write lock
 * when they begin (a deferred transaction that later writes can fail with `SQLITE_BUSY` instead of waiting), waiting
 * for it without holding the event loop, and the migrator runs all pending migrations in one such transaction, so a
 * second process waits and then finds them applied.
 */
export class ImmediateSqliteDialect extends SqliteDialect {
  readonly #database: Database;
  readonly #busyWait: SqliteBusyWait;

  constructor(database: Database, busyWait: SqliteBusyWait) {
    super({ database });
    this.#database = database;
    this.#busyWait = busyWait;
  }

  override createDriver(): Driver {
    return new ImmediateTransactionSqliteDriver(this.#database, this.#busyWait);
  }

  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}
