import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteBusyWait } from '../../src/storage/sqlite/sqlite-busy-wait.js';
import { SqliteGroupCommit } from '../../src/storage/sqlite/sqlite-group-commit.js';
import { sqliteTestFile } from '../support/postgres.js';

/** Long enough that a batch kept open for it cannot pass for one committed at the next turn. */
const WINDOW_MS = 300;

const nextTurn = () => new Promise<void>((turn) => setImmediate(turn));

/** Whether `promise` settles before `ms` have passed. */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  const settled = await Promise.race([promise.then(() => true as const, () => true as const), late]);
  clearTimeout(timer);
  return settled;
}

/** Real SQLite in WAL mode, as obas opens it: when the writes of a group commit are committed, and together with which. */
describe('SqliteGroupCommit on a real SQLite file', () => {
  let file: string;
  let database: BetterSqlite3.Database;

  beforeEach(() => {
    file = sqliteTestFile();
    database = new BetterSqlite3(file);
    database.pragma('journal_mode = WAL');
    database.exec('CREATE TABLE t (x integer primary key)');
  });

  afterEach(async () => {
    database.close();
    await rm(dirname(file), { recursive: true, force: true });
  });

  function groupCommit(windowMs: number) {
    const busyWait = new SqliteBusyWait(database, 1000);
    busyWait.takeOver();
    const writes = new SqliteGroupCommit(database, busyWait, windowMs);
    const insert = database.prepare('INSERT INTO t VALUES (?)');
    /** Inserts `x` in the next group commit; resolves to the number of the commit that carried it. */
    const write = (x: number) =>
      writes.write(() => {
        insert.run(x);
        return writes.commitNumber;
      });
    const stored = () => (database.prepare('SELECT x FROM t ORDER BY x').all() as { x: number }[]).map((row) => row.x);
    return { writes, write, stored };
  }

  it('commits a lone writer at the next event-loop turn, write after write, whatever the window', async () => {
    const { write, stored } = groupCommit(WINDOW_MS);
    const commits: number[] = [];
    for (let x = 1; x <= 5; x += 1) {
      const committed = write(x);
      expect(await settlesWithin(committed, WINDOW_MS / 3)).toBe(true);
      commits.push(await committed);
    }
    expect(new Set(commits).size).toBe(5);
    expect(stored()).toEqual([1, 2, 3, 4, 5]);
  });

  it('after a commit that carried several writes, keeps the next batch open for the window and commits the later writes with it', async () => {
    const { write, stored } = groupCommit(WINDOW_MS);
    const [first, second] = await Promise.all([write(1), write(2)]);
    expect(first).toBe(second);

    const opened = performance.now();
    const early = write(3);
    await nextTurn();
    await nextTurn();
    const late = write(4);
    expect(await settlesWithin(early, WINDOW_MS / 3)).toBe(false);
    const [earlyCommit, lateCommit] = await Promise.all([early, late]);
    expect(performance.now() - opened).toBeGreaterThanOrEqual(WINDOW_MS - 5);
    expect(earlyCommit).toBe(lateCommit);
    expect(earlyCommit).toBe(first + 1);
    expect(stored()).toEqual([1, 2, 3, 4]);
  });

  it('goes back to the next turn once a window gathered a single write', async () => {
    const { write } = groupCommit(WINDOW_MS);
    await Promise.all([write(1), write(2)]);
    await write(3); // alone in its window
    expect(await settlesWithin(write(4), WINDOW_MS / 3)).toBe(true);
  });

  it('with a window of 0 commits every batch at the next turn', async () => {
    const { write } = groupCommit(0);
    await Promise.all([write(1), write(2)]);
    expect(await settlesWithin(write(3), WINDOW_MS / 3)).toBe(true);
  });

  it('in a batch kept open, a failing statement rejects only its own write', async () => {
    const { write, stored } = groupCommit(WINDOW_MS);
    await Promise.all([write(1), write(2)]);
    const duplicate = write(1);
    await nextTurn();
    const fresh = write(3);
    await expect(duplicate).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT_PRIMARYKEY' });
    await expect(fresh).resolves.toBeTypeOf('number');
    expect(stored()).toEqual([1, 2, 3]);
  });

  it('flush commits a batch kept open at once (as closing the storage does)', async () => {
    const { writes, write, stored } = groupCommit(WINDOW_MS);
    await Promise.all([write(1), write(2)]);
    const pending = write(3);
    writes.flush();
    expect(await settlesWithin(pending, WINDOW_MS / 3)).toBe(true);
    expect(stored()).toEqual([1, 2, 3]);
  });
});
