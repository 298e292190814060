import type { Database, Transaction } from 'better-sqlite3';
import { BusyBackoff, isBusy, type SqliteBusyWait } from './sqlite-busy-wait.js';

/** One queued write: its statement, since when it waits, then how it went (`result` is the value, or the error when `failed`). */
interface QueuedWrite {
  readonly execute: () => unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (reason: unknown) => void;
  readonly since: number;
  failed: boolean;
  result: unknown;
}

/**
 * Group commit for the hot-path writes (token inserts, replay claims, code redemptions). A commit costs far more than
 * the row it writes (WAL frames for every touched page, file locks: 30–40 µs of CPU for a one-token commit against
 * 5–7 µs per token in a commit of 30, `bench/sqlite-commit-cost.mjs`), so writes queued together run in one
 * `BEGIN IMMEDIATE` transaction, and each promise settles only after that commit: durability and per-statement
 * atomicity are unchanged, and a failing statement (say a duplicate key) rejects only its own promise. When a batch
 * commits is decided when its first write arrives: at the next `setImmediate` (the writes queued during this
 * event-loop turn), unless the last commit carried more than one write — writes are arriving side by side — and a
 * `windowMs` is set: then the batch stays open that long, so that the writes of requests read in later turns join it.
 * A lone writer (one request at a time) never waits; under a steady load of requests arriving a few hundred
 * microseconds apart, a commit carries several of them instead of one or two. If SQLite abandons the transaction
 * (disk full, I/O error), the whole batch is rejected. While a transaction of the transaction port is open on the
 * connection, the batch waits for it to end. While another connection holds the write lock, the batch is tried again
 * off the event loop (at the next event-loop turns at first, then after growing pauses: {@link BusyBackoff}), joined
 * by the writes queued meanwhile; a write still locked out `busyWait.timeoutMs` after it was queued fails with
 * `SQLITE_BUSY`.
 */
export class SqliteGroupCommit {
  readonly #database: Database;
  readonly #busyWait: SqliteBusyWait;
  readonly #windowMs: number;
  readonly #commit: Transaction<(writes: QueuedWrite[]) => void>;
  #queue: QueuedWrite[] = [];
  readonly #backoff = new BusyBackoff();
  #commits = 0;
  /** How many writes the last commit carried: more than one, and the next batch waits `windowMs` for company. */
  #lastBatchSize = 0;

  /** `windowMs`: how long a batch stays open for more writes while they arrive side by side (0: never). */
  constructor(database: Database, busyWait: SqliteBusyWait, windowMs = 0) {
    this.#database = database;
    this.#busyWait = busyWait;
    this.#windowMs = windowMs;
    this.#commit = database.transaction((writes: QueuedWrite[]) => {
      this.#commits += 1;
      for (const write of writes) this.#execute(write);
    });
  }

  /**
   * Numbers the group commits: the same for every statement of one commit, which run under the write lock, so that no
   * other connection's write comes between them (what one of them read, the next may reuse).
   */
  get commitNumber(): number {
    return this.#commits;
  }

  /** Runs `statement` (synchronous better-sqlite3 work) in the next group commit; resolves its result once durable. */
  write<T>(statement: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (this.#queue.length === 0) this.#schedule();
      this.#queue.push({
        execute: statement,
        resolve: resolve as (value: unknown) => void,
        reject,
        since: performance.now(),
        failed: true,
        result: undefined,
      });
    });
  }

  /** Commits the queued writes now (also done before the connection closes). */
  flush(): void {
    const writes = this.#queue;
    if (writes.length === 0) return;
    if (this.#database.inTransaction) {
      // A unit of work of the transaction port holds the connection's transaction: commit after it, never inside it.
      setImmediate(() => this.flush());
      return;
    }
    this.#queue = [];
    this.#lastBatchSize = writes.length;
    try {
      this.#commit.immediate(writes);
    } catch (error) {
      if (isBusy(error) && this.#retryLater(writes, error)) return;
      // Given up (another error, or every write out of time): the next refusal starts a new run of retries.
      this.#backoff.reset();
      for (const write of writes) write.reject(error);
      return;
    }
    this.#backoff.reset();
    for (const write of writes) {
      if (write.failed) write.reject(write.result);
      else write.resolve(write.result);
    }
  }

  /** Plans the commit of a batch whose first write just arrived. */
  #schedule(): void {
    if (this.#windowMs > 0 && this.#lastBatchSize > 1) setTimeout(() => this.flush(), this.#windowMs);
    else setImmediate(() => this.flush());
  }

  /**
   * Puts back the writes refused for the lock that may wait longer and tries again after a pause; false, with nothing
   * put back, when none may (the caller rejects them all).
   */
  #retryLater(writes: QueuedWrite[], busy: unknown): boolean {
    const now = performance.now();
    const mayWait = (write: QueuedWrite): boolean => now - write.since < this.#busyWait.timeoutMs;
    const waiting = writes.filter(mayWait);
    if (waiting.length === 0) return false;
    for (const write of writes) if (!mayWait(write)) write.reject(busy);
    this.#queue = [...waiting, ...this.#queue];
    this.#backoff.schedule(() => this.flush());
    return true;
  }

  #execute(write: QueuedWrite): void {
    try {
      write.result = write.execute();
      write.failed = false;
    } catch (error) {
      if (!this.#database.inTransaction) throw error;
      write.result = error;
    }
  }
}
