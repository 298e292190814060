import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { ObasDatabase } from '../database.types.js';
import { recordOf } from '../mapping/column-values.js';
import type { PsuLockoutPolicy, PsuLockoutRecord, PsuLockoutRepository, PsuLockoutState } from '../psu-lockout-ports.js';

type Int = RawBuilder<number>;

/** A number as a typed SQL value (PostgreSQL cannot infer the type of a bare parameter inside `CASE`). */
const int = (value: number): Int => sql<number>`CAST(${value} AS bigint)`;
const when = (condition: RawBuilder<unknown>, then: Int, otherwise: Int): Int => sql<number>`(CASE WHEN ${condition} THEN ${then} ELSE ${otherwise} END)`;

/** The state columns of a `psu_lockouts` row, as SQL expressions. */
interface LockoutColumns {
  readonly failures: Int;
  readonly lockedUntil: Int;
  readonly nextLockMs: Int;
  readonly resetAt: Int;
}

/** The stored row, in `ON CONFLICT DO UPDATE`. */
const STORED: LockoutColumns = {
  failures: sql<number>`psu_lockouts.failures`,
  lockedUntil: sql<number>`psu_lockouts.locked_until`,
  nextLockMs: sql<number>`psu_lockouts.next_lock_ms`,
  resetAt: sql<number>`psu_lockouts.reset_at`,
};

/** A username never seen: no failure, no lock, the first lock next, forgotten long ago. */
const unseen = (policy: PsuLockoutPolicy): LockoutColumns => ({ failures: int(0), lockedUntil: int(0), nextLockMs: int(policy.lockSeconds * 1000), resetAt: int(0) });

/**
 * The row after one more failure at `now`: nothing changes while locked; past `reset_at` the failures and the back-off
 * start over; the failure that reaches `maxFailures` locks for the current lock length, grows the next one by the
 * back-off factor (capped) and starts counting again.
 */
function afterFailure(before: LockoutColumns, now: number, policy: PsuLockoutPolicy): LockoutColumns {
  const at = int(now);
  const stale = sql`${before.resetAt} <= ${at}`;
  const failures = sql<number>`(${when(stale, int(0), before.failures)} + 1)`;
  const lockMs = when(stale, int(policy.lockSeconds * 1000), before.nextLockMs);
  const locks = sql`${failures} >= ${int(policy.maxFailures)}`;
  const grown = sql<number>`(${lockMs} * ${int(policy.backoffFactor)})`;
  const maxLockMs = int(policy.maxLockSeconds * 1000);
  const lockEnd = sql<number>`(${at} + ${lockMs})`;
  const unlessLocked = (changed: Int, current: Int) => when(sql`${before.lockedUntil} > ${at}`, current, changed);
  return {
    failures: unlessLocked(when(locks, int(0), failures), before.failures),
    lockedUntil: unlessLocked(when(locks, lockEnd, before.lockedUntil), before.lockedUntil),
    nextLockMs: unlessLocked(when(locks, when(sql`${grown} > ${maxLockMs}`, maxLockMs, grown), lockMs), before.nextLockMs),
    resetAt: unlessLocked(sql<number>`(${when(locks, lockEnd, at)} + ${int(policy.resetSeconds * 1000)})`, before.resetAt),
  };
}

const row = (columns: LockoutColumns) => ({
  failures: columns.failures,
  locked_until: columns.lockedUntil,
  next_lock_ms: columns.nextLockMs,
  reset_at: columns.resetAt,
});

/** {@link PsuLockoutRepository} for SQLite and PostgreSQL alike: the count and the lock decision are one upsert. */
export class KyselyPsuLockoutRepository implements PsuLockoutRepository {
  constructor(private readonly db: Kysely<ObasDatabase>) {}

  async lockedUntil(username: string, now: Date): Promise<Date | undefined> {
    const found = await this.db
      .selectFrom('psu_lockouts')
      .select('locked_until')
      .where('username', '=', username)
      .where('locked_until', '>', now.getTime())
      .executeTakeFirst();
    return found === undefined ? undefined : new Date(Number(found.locked_until));
  }

  async recordFailure(username: string, now: Date, policy: PsuLockoutPolicy): Promise<PsuLockoutState> {
    const at = now.getTime();
    const after = await this.db
      .insertInto('psu_lockouts')
      .values({ username, ...row(afterFailure(unseen(policy), at, policy)) })
      .onConflict((conflict) => conflict.column('username').doUpdateSet(row(afterFailure(STORED, at, policy))))
      .returning(['failures', 'locked_until'])
      .executeTakeFirstOrThrow();
    const lockedUntil = Number(after.locked_until);
    return recordOf<PsuLockoutState>({ failures: Number(after.failures), lockedUntil: lockedUntil > 0 ? new Date(lockedUntil) : undefined });
  }

  async clear(username: string): Promise<boolean> {
    const result = await this.db.deleteFrom('psu_lockouts').where('username', '=', username).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  async listLocked(now: Date): Promise<PsuLockoutRecord[]> {
    const rows = await this.db
      .selectFrom('psu_lockouts')
      .select(['username', 'locked_until', 'next_lock_ms'])
      .where('locked_until', '>', now.getTime())
      .orderBy('locked_until')
      .orderBy('username')
      .execute();
    return rows.map((found) => ({
      username: found.username,
      lockedUntil: new Date(Number(found.locked_until)),
      nextLockSeconds: Number(found.next_lock_ms) / 1000,
    }));
  }

  async deleteExpired(now: Date): Promise<number> {
    const result = await this.db
      .deleteFrom('psu_lockouts')
      .where('reset_at', '<=', now.getTime())
      .where('locked_until', '<=', now.getTime())
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
