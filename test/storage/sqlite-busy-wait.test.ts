import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BusyBackoff, SqliteBusyWait } from '../../src/storage/sqlite/sqlite-busy-wait.js';
import { sqliteTestFile } from '../support/postgres.js';

/**
 * Real SQLite, in rollback-journal mode: there a connection holding `BEGIN EXCLUSIVE` refuses other connections'
 * reads too (under WAL, only another process's recovery or exclusive locking mode does), which is how the reads'
 * waiting is seen here.
 */
describe('SqliteBusyWait on a real SQLite file', () => {
  let file: string;
  let reader: BetterSqlite3.Database;
  let locker: BetterSqlite3.Database;

  beforeEach(() => {
    file = sqliteTestFile();
    reader = new BetterSqlite3(file, { timeout: 5000 });
    reader.exec('CREATE TABLE t (x integer); INSERT INTO t VALUES (1)');
    locker = new BetterSqlite3(file);
  });

  afterEach(async () => {
    if (locker.inTransaction) locker.exec('ROLLBACK');
    locker.close();
    reader.close();
    await rm(dirname(file), { recursive: true, force: true });
  });

  const count = () => (reader.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n;

  it('reads at once, synchronously, when nothing holds a lock', () => {
    const busyWait = new SqliteBusyWait(reader, 1000);
    busyWait.takeOver();
    expect(busyWait.read(count)).toBe(1);
  });

  it('after takeOver the connection never sleeps for a lock: a refused statement comes back at once', () => {
    new SqliteBusyWait(reader, 1000).takeOver();
    locker.exec('BEGIN EXCLUSIVE');
    const started = performance.now();
    expect(count).toThrow(expect.objectContaining({ code: 'SQLITE_BUSY' }));
    expect(performance.now() - started).toBeLessThan(100);
  });

  it('a refused read waits off the event loop and answers once the lock is released', async () => {
    const busyWait = new SqliteBusyWait(reader, 5000);
    busyWait.takeOver();
    locker.exec('BEGIN EXCLUSIVE; INSERT INTO t VALUES (2)');
    const answer = busyWait.read(count);
    expect(answer).toBeInstanceOf(Promise);
    const ticks: number[] = [];
    const ticking = setInterval(() => ticks.push(performance.now()), 5);
    await new Promise((pause) => setTimeout(pause, 150));
    locker.exec('COMMIT');
    await expect(answer).resolves.toBe(2);
    clearInterval(ticking);
    expect(ticks.length).toBeGreaterThan(5);
  });

  it('a read still refused after timeoutMs fails with SQLITE_BUSY, having waited about that long', async () => {
    const busyWait = new SqliteBusyWait(reader, 300);
    busyWait.takeOver();
    locker.exec('BEGIN EXCLUSIVE');
    const started = performance.now();
    await expect(busyWait.read(count)).rejects.toMatchObject({ code: 'SQLITE_BUSY' });
    const waited = performance.now() - started;
    expect(waited).toBeGreaterThanOrEqual(290);
    expect(waited).toBeLessThan(1500);
  });

  it('run waits the same way, and during() lends it a longer bound', async () => {
    const busyWait = new SqliteBusyWait(reader, 50);
    busyWait.takeOver();
    locker.exec('BEGIN EXCLUSIVE');
    setTimeout(() => locker.exec('COMMIT'), 300);
    await expect(busyWait.during(5000, () => busyWait.run(count))).resolves.toBe(1);
    expect(busyWait.timeoutMs).toBe(50);
  });

  it('does not retry other errors', async () => {
    const busyWait = new SqliteBusyWait(reader, 5000);
    busyWait.takeOver();
    const broken = () => reader.prepare('SELECT * FROM missing').get();
    expect(() => busyWait.read(broken)).toThrow(/no such table/);
    await expect(busyWait.run(broken)).rejects.toThrow(/no such table/);
  });
});

describe('BusyBackoff', () => {
  it('retries at the next event-loop turns for the first 2 ms of a run of refusals, then after growing pauses', async () => {
    const backoff = new BusyBackoff();
    const started = performance.now();
    let quickRounds = 0;
    // The run began at the first pause, just after `started`: by 3 ms its 2 ms of next-turn retries are surely over.
    while (performance.now() - started < 3) {
      await backoff.pause();
      quickRounds += 1;
    }
    // Timers alone (1 ms at least each) would have made at most three rounds.
    expect(quickRounds).toBeGreaterThan(5);
    const pauses: number[] = [];
    for (let round = 0; round < 3; round += 1) {
      const before = performance.now();
      await backoff.pause();
      pauses.push(performance.now() - before);
    }
    expect(pauses[0]).toBeGreaterThanOrEqual(0.9);
    expect(pauses[1]).toBeGreaterThanOrEqual(1.9);
    expect(pauses[2]).toBeGreaterThanOrEqual(4.9);
  });

  it('caps a timed pause at what is left, and starts over after reset', async () => {
    const backoff = new BusyBackoff();
    backoff.schedule(() => undefined);
    await new Promise((pause) => setTimeout(pause, 3));
    for (let round = 0; round < 8; round += 1) await backoff.pause();
    const capped = performance.now();
    await backoff.pause(2);
    // Uncapped, this ninth timed round would have waited 25 ms.
    expect(performance.now() - capped).toBeLessThan(24);
    backoff.reset();
    const fresh = performance.now();
    await backoff.pause();
    // Without the reset this pause would have been the 50 ms of a tenth timed round.
    expect(performance.now() - fresh).toBeLessThan(45);
  });
});
