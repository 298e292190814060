import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { PsuLockoutPolicy, Storage } from '../../src/storage/ports.js';
import { useTwoStorages, type NewStorageTarget } from './storage-targets.js';

const NOW = new Date('2030-01-01T00:00:00.000Z');
const at = (offsetMs: number): Date => new Date(NOW.getTime() + offsetMs);
const both = <T>(storage: Storage, second: Storage, count: number, run: (s: Storage) => Promise<T>) =>
  Promise.all(Array.from({ length: count }, (_, i) => run(i % 2 === 0 ? storage : second)));

/** Three failures lock for 10 s, then 20 s, then 25 s at most; 100 s without a failure forget them. */
const POLICY: PsuLockoutPolicy = { maxFailures: 3, lockSeconds: 10, backoffFactor: 2, maxLockSeconds: 25, resetSeconds: 100 };
const username = () => `user-${randomUUID()}`;

/** The PSU lockout repository (psu-lockout-ports.ts), run once per adapter against a real database. */
export function psuLockoutStorageContract(newTarget: NewStorageTarget): void {
  let storage: Storage;
  let second: Storage;

  useTwoStorages(newTarget, (opened) => ({ storage, second } = opened));

  /** Fails `count` times at `when` (one after the other); resolves the last state. */
  async function fail(user: string, when: Date, count = 1, policy = POLICY) {
    let last;
    for (let i = 0; i < count; i++) last = await (i % 2 === 0 ? storage : second).psuLockouts.recordFailure(user, when, policy);
    return last;
  }

  it('counts failures and locks at the limit for the lock time, then lets go', async () => {
    const user = username();
    expect(await storage.psuLockouts.recordFailure(user, NOW, POLICY)).toStrictEqual({ failures: 1 });
    expect(await second.psuLockouts.recordFailure(user, at(1000), POLICY)).toStrictEqual({ failures: 2 });
    expect(await storage.psuLockouts.lockedUntil(user, at(1000))).toBeUndefined();
    expect(await storage.psuLockouts.recordFailure(user, at(2000), POLICY)).toStrictEqual({ failures: 0, lockedUntil: at(12_000) });
    expect(await second.psuLockouts.lockedUntil(user, at(2000))).toStrictEqual(at(12_000));
    expect(await second.psuLockouts.lockedUntil(user, at(11_999))).toStrictEqual(at(12_000));
    expect(await second.psuLockouts.lockedUntil(user, at(12_000))).toBeUndefined();
    expect(await storage.psuLockouts.lockedUntil(username(), NOW)).toBeUndefined();
  });

  it('changes nothing while locked', async () => {
    const user = username();
    await fail(user, NOW, 3);
    expect(await fail(user, at(5000), 4)).toStrictEqual({ failures: 0, lockedUntil: at(10_000) });
    expect((await storage.psuLockouts.listLocked(at(5000))).find((lock) => lock.username === user)).toStrictEqual({
      username: user,
      lockedUntil: at(10_000),
      nextLockSeconds: 20,
    });
    expect(await fail(user, at(10_000))).toStrictEqual({ failures: 1, lockedUntil: at(10_000) });
  });

  it('makes each further lock longer by the back-off factor, up to the longest lock', async () => {
    const user = username();
    expect(await fail(user, NOW, 3)).toStrictEqual({ failures: 0, lockedUntil: at(10_000) });
    expect(await fail(user, at(10_000), 3)).toStrictEqual({ failures: 0, lockedUntil: at(30_000) });
    expect(await fail(user, at(30_000), 3)).toStrictEqual({ failures: 0, lockedUntil: at(55_000) });
    expect(await fail(user, at(55_000), 3)).toStrictEqual({ failures: 0, lockedUntil: at(80_000) });
  });

  it('forgets the failures, and the back-off, after the reset time without a failure (counted from the end of a lock)', async () => {
    const few = username();
    await fail(few, NOW, 2);
    expect(await fail(few, at(99_999))).toStrictEqual({ failures: 0, lockedUntil: at(109_999) });
    const lateFailure = username();
    await fail(lateFailure, NOW, 2);
    expect(await fail(lateFailure, at(100_000))).toStrictEqual({ failures: 1 });

    const [kept, forgotten] = [username(), username()];
    for (const user of [kept, forgotten]) await fail(user, NOW, 3);
    expect(await fail(kept, at(109_999), 3)).toStrictEqual({ failures: 0, lockedUntil: at(129_999) });
    expect(await fail(forgotten, at(110_000), 3)).toStrictEqual({ failures: 0, lockedUntil: at(120_000) });
  });

  it('counts failures from two instances at once, each once, and locks once', async () => {
    const counted = username();
    const lenient = { ...POLICY, maxFailures: 100 };
    const states = await both(storage, second, 40, (s) => s.psuLockouts.recordFailure(counted, NOW, lenient));
    expect(states.map((state) => state.failures).sort((a, b) => a - b)).toStrictEqual(Array.from({ length: 40 }, (_, i) => i + 1));

    const locked = username();
    const raced = await both(storage, second, 30, (s) => s.psuLockouts.recordFailure(locked, NOW, POLICY));
    expect(raced.filter((state) => state.lockedUntil === undefined).map((state) => state.failures).sort()).toStrictEqual([1, 2]);
    expect(raced.filter((state) => state.lockedUntil !== undefined).every((state) => state.lockedUntil?.getTime() === at(10_000).getTime())).toBe(true);
    expect((await storage.psuLockouts.listLocked(NOW)).find((lock) => lock.username === locked)?.nextLockSeconds).toBe(20);
  });

  it('lists the locked usernames, the lock ending first first, and clears one', async () => {
    const [later, sooner, unlocked] = [username(), username(), username()];
    await fail(later, at(1000), 3);
    await fail(sooner, NOW, 3);
    await fail(unlocked, NOW);
    const mine = (await second.psuLockouts.listLocked(at(500))).filter((lock) => [later, sooner, unlocked].includes(lock.username));
    expect(mine.map((lock) => lock.username)).toStrictEqual([sooner, later]);
    expect(await storage.psuLockouts.clear(later)).toBe(true);
    expect(await storage.psuLockouts.clear(later)).toBe(false);
    expect(await second.psuLockouts.lockedUntil(later, at(500))).toBeUndefined();
    expect(await fail(later, at(600), 3)).toStrictEqual({ failures: 0, lockedUntil: at(10_600) });
  });

  it('deletes only what has nothing left to remember', async () => {
    const [forgotten, locked, recent] = [username(), username(), username()];
    await fail(forgotten, NOW);
    await fail(locked, at(100_000), 3);
    await fail(recent, at(100_000));
    expect(await storage.psuLockouts.deleteExpired(at(100_000))).toBeGreaterThanOrEqual(1);
    expect(await storage.psuLockouts.clear(forgotten)).toBe(false);
    expect(await second.psuLockouts.lockedUntil(locked, at(100_000))).toStrictEqual(at(110_000));
    expect(await fail(recent, at(100_001))).toStrictEqual({ failures: 2 });
  });
}
