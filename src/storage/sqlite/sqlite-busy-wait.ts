import type { Database } from 'better-sqlite3';
import { storageFault } from '../storage-faults.js';

/** Pauses between timed attempts, growing as SQLite's own busy handler's do (ms); the last one repeats. */
const PAUSES_MS = [1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100];

/**
 * For this long after a lock was first refused, the next attempt waits only for the next event-loop turn. Another
 * process's commit holds SQLite's write lock for tens to hundreds of microseconds, and a timer waits a millisecond at
 * least: with two workers committing in turn, timers alone left both idle for much of each second.
 */
const NEXT_TURN_RETRY_MS = 2;

/** The pause before timed retry number `round` (0-based). */
const busyPause = (round: number): number => PAUSES_MS[Math.min(round, PAUSES_MS.length - 1)] as number;

/**
 * When to try again, during one run of refusals for a lock: at the next event-loop turn (`setImmediate`, after the
 * I/O of that turn) for the first {@link NEXT_TURN_RETRY_MS}, then after growing pauses. The event loop runs other
 * requests in between either way.
 */
export class BusyBackoff {
  #since: number | undefined;
  #timedRounds = 0;

  /** Calls `retry` after the next pause; `atMostMs` caps a timed one (what is left of a caller's timeout). */
  schedule(retry: () => void, atMostMs = Number.POSITIVE_INFINITY): void {
    const now = performance.now();
    this.#since ??= now;
    if (now - this.#since < NEXT_TURN_RETRY_MS) setImmediate(retry);
    else setTimeout(retry, Math.min(busyPause(this.#timedRounds++), atMostMs));
  }

  /** The same as a promise. */
  pause(atMostMs?: number): Promise<void> {
    return new Promise((resolve) => this.schedule(resolve, atMostMs));
  }

  /** The lock was had: the next refusal starts a new run. */
  reset(): void {
    this.#since = undefined;
    this.#timedRounds = 0;
  }
}

/** Whether `error` is SQLite refusing a lock another connection holds (`SQLITE_BUSY`, `SQLITE_LOCKED`). */
export const isBusy = (error: unknown): boolean => storageFault(error) === 'busy';

/**
 * Waiting for another connection's lock without holding the event loop. SQLite's busy timeout waits by sleeping in the
 * calling thread, and better-sqlite3 calls SQLite on the event loop: every request would stall behind one locked write.
 * So the connection's own busy timeout is 0 once it is set up ({@link SqliteBusyWait.takeOver}): every statement is
 * tried at once and, refused for a lock, tried again after a pause until `timeoutMs` has passed since it began, then
 * fails with `SQLITE_BUSY`. The timeout is never switched per statement: SQLite prepares a `PRAGMA` statement again
 * on every run, which cost each group commit two prepares.
 */
export class SqliteBusyWait {
  readonly #database: Database;
  #timeoutMs: number;

  constructor(database: Database, timeoutMs: number) {
    this.#database = database;
    this.#timeoutMs = timeoutMs;
  }

  /**
   * From now on the connection never sleeps for a lock: its set-up (opening the file, `journal_mode`, which may meet
   * another process's recovery) waits with the busy timeout the connection was opened with; everything after, here.
   */
  takeOver(): void {
    this.#database.pragma('busy_timeout = 0');
  }

  /** How long a statement may wait, in all. */
  get timeoutMs(): number {
    return this.#timeoutMs;
  }

  /** Runs `work` with another bound (migrations wait for other processes' migrations longer than requests may). */
  async during<T>(timeoutMs: number, work: () => Promise<T>): Promise<T> {
    const before = this.#timeoutMs;
    this.#timeoutMs = timeoutMs;
    try {
      return await work();
    } finally {
      this.#timeoutMs = before;
    }
  }

  /**
   * Runs a synchronous read now and returns its result; only when it is refused for a lock (rare under WAL: another
   * process recovering the WAL, or holding the file in exclusive locking mode) does it return a promise that tries
   * again as {@link SqliteBusyWait.run} does.
   */
  read<T>(attempt: () => T): T | Promise<T> {
    try {
      return attempt();
    } catch (error) {
      if (!isBusy(error)) throw error;
      return this.#retry(attempt, performance.now(), error);
    }
  }

  /** Runs `attempt` until it is not refused for a lock, pausing between tries, for up to `timeoutMs` from now. */
  async run<T>(attempt: () => T | Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await attempt();
    } catch (error) {
      return this.#retry(attempt, started, error);
    }
  }

  async #retry<T>(attempt: () => T | Promise<T>, started: number, refusal: unknown): Promise<T> {
    const backoff = new BusyBackoff();
    for (;;) {
      const left = this.#timeoutMs - (performance.now() - started);
      if (!isBusy(refusal) || left <= 0) throw refusal;
      await backoff.pause(left);
      try {
        return await attempt();
      } catch (error) {
        refusal = error;
      }
    }
  }
}
