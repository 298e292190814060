import { setTimeout as delay } from 'node:timers/promises';
import type { Database, Statement } from 'better-sqlite3';
import { storageFault } from '../storage-faults.js';

/** Pauses between attempts, growing as SQLite's own busy handler's do (ms); the last one repeats. */
const PAUSES_MS = [1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100];

/** The pause before retry number `round` (0-based). */
export const busyPause = (round: number): number => PAUSES_MS[Math.min(round, PAUSES_MS.length - 1)] as number;

/** Whether `error` is SQLite refusing a lock another connection holds (`SQLITE_BUSY`, `SQLITE_LOCKED`). */
export const isBusy = (error: unknown): boolean => storageFault(error) === 'busy';

/**
 * Waiting for another connection's write lock without holding the event loop. SQLite's busy timeout waits by sleeping
 * in the calling thread, and better-sqlite3 calls SQLite on the event loop: every request would stall behind one
 * locked write. Writes therefore try with no busy timeout and, refused, try again after a pause until `timeoutMs` has
 * passed since they began, then fail with `SQLITE_BUSY`. Everything else (reads, which WAL rarely makes wait) keeps the
 * connection's busy timeout, `timeoutMs` too.
 */
export class SqliteBusyWait {
  readonly #database: Database;
  readonly #setters = new Map<number, Statement>();
  #timeoutMs: number;

  constructor(database: Database, timeoutMs: number) {
    this.#database = database;
    this.#timeoutMs = timeoutMs;
    this.#setBusyTimeout(timeoutMs);
  }

  /** Sets the connection's busy timeout through a statement prepared once per value (it runs twice per write). */
  #setBusyTimeout(timeoutMs: number): void {
    let setter = this.#setters.get(timeoutMs);
    if (setter === undefined) {
      setter = this.#database.prepare(`pragma busy_timeout = ${Math.trunc(timeoutMs)}`);
      this.#setters.set(timeoutMs, setter);
    }
    setter.get();
  }

  /** How long a write may wait, in all. */
  get timeoutMs(): number {
    return this.#timeoutMs;
  }

  /** Runs `work` with another bound (migrations wait for other processes' migrations longer than requests may). */
  async during<T>(timeoutMs: number, work: () => Promise<T>): Promise<T> {
    const before = this.#timeoutMs;
    this.#timeoutMs = timeoutMs;
    this.#setBusyTimeout(timeoutMs);
    try {
      return await work();
    } finally {
      this.#timeoutMs = before;
      this.#setBusyTimeout(before);
    }
  }

  /** Runs synchronous SQLite work once without waiting for any lock: refused, it throws `SQLITE_BUSY` at once. */
  attemptNow<T>(attempt: () => T): T {
    this.#setBusyTimeout(0);
    try {
      return attempt();
    } finally {
      this.#setBusyTimeout(this.#timeoutMs);
    }
  }

  /** Runs `attempt` until it is not refused for a lock, pausing between tries, for up to `timeoutMs` from now. */
  async run<T>(attempt: () => T | Promise<T>): Promise<T> {
    const started = performance.now();
    for (let round = 0; ; round += 1) {
      try {
        return await this.attemptNow(attempt);
      } catch (error) {
        const left = this.#timeoutMs - (performance.now() - started);
        if (!isBusy(error) || left <= 0) throw error;
        await delay(Math.min(busyPause(round), left));
      }
    }
  }
}
