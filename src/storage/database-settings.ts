/**
 * How PostgreSQL commits the insert of an issued access token: `synchronous` waits for the WAL to reach disk (and any
 * synchronous standby); `asynchronous` (`synchronous_commit = off` for those inserts only) answers once the row is
 * committed in memory, so that a crash of the database server (not of obas) may lose the tokens issued in its last
 * ~0.6 s (3 × `wal_writer_delay`). A lost token fails closed: the resource server finds no such token and the TPP asks
 * for a new one. Every other write (revocations, code redemptions, refresh rotations, consents, clients, replay records)
 * commits synchronously either way.
 */
export type AccessTokenCommit = 'synchronous' | 'asynchronous';

/** The values of {@link AccessTokenCommit}. */
export const ACCESS_TOKEN_COMMITS: readonly AccessTokenCommit[] = ['synchronous', 'asynchronous'];

/**
 * How long obas waits for its database, and what it tells callers while the database is unavailable (the `database`
 * section of the configuration, docs/configuration.md). Every bound is short: a request must answer, 503 if need be,
 * within about two seconds however the database fails (DESIGN.md "The database can be slow or gone").
 */
export interface DatabaseSettings {
  /** PostgreSQL: longest wait for a connection, new (TCP, TLS, startup) or from the full pool. */
  readonly connectTimeoutMs: number;
  /**
   * PostgreSQL: longest wait for a query's answer, measured by obas. A connection whose query timed out is destroyed,
   * never handed out again.
   */
  readonly queryTimeoutMs: number;
  /** PostgreSQL `statement_timeout`: the server cancels a longer statement (0: the server's own setting). */
  readonly statementTimeoutMs: number;
  /** PostgreSQL `idle_in_transaction_session_timeout`: the server ends a session idle that long in a transaction (0: the server's own setting). */
  readonly idleInTransactionTimeoutMs: number;
  /** SQLite busy timeout: longest wait for another connection's write lock before `SQLITE_BUSY`. */
  readonly sqliteBusyTimeoutMs: number;
  /**
   * SQLite: how long a group commit stays open for more writes while they arrive side by side (0: it commits at the
   * next event-loop turn); a lone request never waits for it. See `sqlite/sqlite-group-commit.ts`.
   */
  readonly sqliteCommitWindowMs: number;
  /** `Retry-After` (RFC 9110 §10.2.3) of the 503 answered while the database is unavailable, in seconds. */
  readonly retryAfterSeconds: number;
  /** PostgreSQL: how an issued access token's insert commits. */
  readonly accessTokenCommit: AccessTokenCommit;
}

/** The keys of {@link DatabaseSettings} that hold a number of milliseconds or seconds. */
export type DatabaseTimingKey = Exclude<keyof DatabaseSettings, 'accessTokenCommit'>;

/**
 * The defaults. The server cancels a slow statement (1 s) before obas gives up on the answer (1.5 s), so that a merely
 * slow statement keeps its connection; a connection wait (1 s) and a query wait never add up on one request in practice,
 * since a database that does not accept connections does not answer queries either. Access tokens commit
 * asynchronously on PostgreSQL, as every write does on the embedded SQLite (WAL, `synchronous=NORMAL`). SQLite's
 * group commits stay open 1 ms while requests arrive side by side: at 5 000 token requests a second (bench
 * `obas-opaque-fixed-rate`) a commit then carried 5–9 tokens instead of 1.3–1.7, which takes SQLite's CPU per token
 * from about 20 µs to about 10 (`bench/sqlite-commit-cost.mjs`).
 */
export const DATABASE_DEFAULTS: DatabaseSettings = {
  connectTimeoutMs: 1000,
  queryTimeoutMs: 1500,
  statementTimeoutMs: 1000,
  idleInTransactionTimeoutMs: 10_000,
  sqliteBusyTimeoutMs: 1000,
  sqliteCommitWindowMs: 1,
  retryAfterSeconds: 5,
  accessTokenCommit: 'asynchronous',
};
