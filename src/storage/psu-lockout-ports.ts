/** The PSU lockout repository port (see `ports.ts` for the rest of the storage ports and `Storage`). */

/**
 * When repeated failed sign-ins lock a PSU out, and for how long (OWASP Authentication Cheat Sheet, "Account Lockout";
 * NIST SP 800-63B §5.2.2, rate limiting of failed authentication attempts). Durations in seconds.
 */
export interface PsuLockoutPolicy {
  /** Failed attempts (passwords or one-time codes) that lock the PSU out. */
  readonly maxFailures: number;
  /** How long the first lock lasts. */
  readonly lockSeconds: number;
  /** Each further lock lasts this many times the previous one… */
  readonly backoffFactor: number;
  /** …up to this long. */
  readonly maxLockSeconds: number;
  /** After this long without a failure (counted from the end of a lock), the failures and the back-off are forgotten. */
  readonly resetSeconds: number;
}

/** A username's failures and lock after one more failure was counted. */
export interface PsuLockoutState {
  /** Failures counted towards the next lock (0 right after a lock). */
  readonly failures: number;
  /** The end of the current or last lock, when there was one. */
  readonly lockedUntil?: Date;
}

/** A locked username, as the operator sees it. */
export interface PsuLockoutRecord {
  /** The normalised username (known to the PSU directory or not). */
  readonly username: string;
  readonly lockedUntil: Date;
  /** How long the next lock would last. */
  readonly nextLockSeconds: number;
}

/** Failed PSU sign-ins per normalised username, shared by every process on the database. */
export interface PsuLockoutRepository {
  /** The end of the lock of `username`, when it is locked out at `now`. */
  lockedUntil(username: string, now: Date): Promise<Date | undefined>;
  /**
   * Counts one failed sign-in of `username` at `now` and decides the lock under `policy`, in one atomic statement
   * (`INSERT … ON CONFLICT DO UPDATE … RETURNING`), so failures counted at once by several processes are each counted
   * and lock exactly once. A failure while `username` is locked changes nothing. Resolves the state after it.
   */
  recordFailure(username: string, now: Date, policy: PsuLockoutPolicy): Promise<PsuLockoutState>;
  /** Forgets the failures, lock and back-off of `username`; resolves whether there were any. */
  clear(username: string): Promise<boolean>;
  /** The usernames locked out at `now`, the lock ending first first. */
  listLocked(now: Date): Promise<PsuLockoutRecord[]>;
  /** Deletes what has nothing left to remember at `now` (no lock, failures and back-off past their reset). */
  deleteExpired(now: Date): Promise<number>;
}
