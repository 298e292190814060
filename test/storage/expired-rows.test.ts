import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ObasDatabase } from '../../src/storage/database.types.js';
import { deleteExpiredRows } from '../../src/storage/kysely/expired-rows.js';
import type { Storage } from '../../src/storage/ports.js';
import { postgresAvailable } from '../support/postgres.js';
import { newPostgresTarget, newSqliteTarget, type StorageTarget } from './storage-targets.js';

const targets = [
  { name: 'SQLite', newTarget: newSqliteTarget, skip: false },
  { name: 'PostgreSQL', newTarget: newPostgresTarget, skip: !postgresAvailable },
];

const NOW = new Date('2026-11-30T12:00:00Z');
const at = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);

/** A Kysely of its own on the target's database, as housekeeping's statements run. */
function kyselyOn(target: StorageTarget): Kysely<ObasDatabase> {
  const { databaseUrl, sqliteFile } = target.location;
  const dialect =
    databaseUrl === undefined
      ? new SqliteDialect({ database: new Database(sqliteFile) })
      : new PostgresDialect({ pool: new pg.Pool({ connectionString: databaseUrl }) });
  return new Kysely<ObasDatabase>({ dialect });
}

describe.each(targets)('housekeeping deletes expired rows in bounded batches on $name', ({ newTarget, skip }) => {
  let target: StorageTarget;
  let storage: Storage;
  let db: Kysely<ObasDatabase>;

  beforeAll(async () => {
    if (skip) return;
    target = await newTarget();
    storage = await target.open();
    db = kyselyOn(target);
  });

  afterAll(async () => {
    await db?.destroy();
    await storage?.close();
    await target?.dispose();
  });

  it.skipIf(skip)('deletes every expired row over several statements and keeps the live ones, single and composite keys', async () => {
    for (let i = 0; i < 12; i += 1) await storage.replayCache.claimOnce('assertion', `expired-${i}`, at(-60 - i), NOW);
    for (let i = 0; i < 3; i += 1) await storage.replayCache.claimOnce('assertion', `live-${i}`, at(60), NOW);
    expect(await deleteExpiredRows(db, 'replay_cache', NOW, 5)).toBe(12);
    const left = await db.selectFrom('replay_cache').select('id').orderBy('id').execute();
    expect(left.map((row) => row.id)).toEqual(['live-0', 'live-1', 'live-2']);
    expect(await deleteExpiredRows(db, 'replay_cache', NOW, 5)).toBe(0);
  });

  it.skipIf(skip)('stops after a batch that was exactly full and the next one that found nothing', async () => {
    for (let i = 0; i < 10; i += 1) await storage.replayCache.claimOnce('jti', `full-${i}`, at(-1), NOW);
    expect(await deleteExpiredRows(db, 'replay_cache', NOW, 5)).toBe(10);
    expect(await db.selectFrom('replay_cache').select('id').where('namespace', '=', 'jti').execute()).toEqual([]);
  });

  it.skipIf(skip)('lets the event loop run between batches: requests are not held back while a backlog is cleared', async () => {
    for (let i = 0; i < 40; i += 1) await storage.replayCache.claimOnce('backlog', `old-${i}`, at(-5), NOW);
    let turns = 0;
    let counting = true;
    const count = (): void => {
      turns += 1;
      if (counting) setImmediate(count);
    };
    setImmediate(count);
    const deleted = await deleteExpiredRows(db, 'replay_cache', NOW, 4);
    counting = false;
    expect(deleted).toBe(40);
    expect(turns).toBeGreaterThanOrEqual(10);
  });
});
