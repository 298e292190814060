import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openStorage } from '../../src/storage/open-storage.js';
import { sqliteTestFile } from '../support/postgres.js';
import { allMigrationNames } from './migration-names.js';

const betterSqlite3Path = createRequire(import.meta.url).resolve('better-sqlite3');

/** Another process that takes the database write lock, reports it, holds it for `holdMs`, then commits. */
const LOCK_HOLDER = `
const Database = require(process.env.BETTER_SQLITE3);
const db = new Database(process.env.SQLITE_FILE);
db.pragma('journal_mode = WAL');
db.exec('BEGIN IMMEDIATE; CREATE TABLE other_process (x integer)');
process.stdout.write('locked\\n');
Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Number(process.env.HOLD_MS));
db.exec('COMMIT');
db.close();
`;

const directories: string[] = [];
afterEach(async () => {
  await Promise.all(directories.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

function newFile(...subdirectories: string[]): string {
  const base = sqliteTestFile();
  directories.push(dirname(base));
  return join(dirname(base), ...subdirectories, 'obas.sqlite');
}

describe('SQLite storage', () => {
  it('creates the file and its missing directories, in WAL mode', async () => {
    const file = newFile('data', 'nested');
    const storage = await openStorage({ sqliteFile: file });
    expect(storage.kind).toBe('sqlite');
    await storage.close();
    const inspector = new BetterSqlite3(file, { readonly: true });
    try {
      expect(inspector.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(inspector.prepare('SELECT name FROM obas_migration').pluck().all()).toStrictEqual(await allMigrationNames());
    } finally {
      inspector.close();
    }
  });

  it('waits for another process holding the write lock instead of failing, then migrates', async () => {
    const file = newFile();
    const holdMs = 400;
    const child = spawn(process.execPath, ['-e', LOCK_HOLDER], {
      env: { ...process.env, BETTER_SQLITE3: betterSqlite3Path, SQLITE_FILE: file, HOLD_MS: String(holdMs) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = once(child, 'exit');
    await once(child.stdout, 'data');
    const started = Date.now();
    const storage = await openStorage({ sqliteFile: file });
    try {
      expect(Date.now() - started).toBeGreaterThanOrEqual(holdMs / 2);
      expect(await storage.replayCache.claimOnce('jti', 'after-wait', new Date(2), new Date(1))).toBe(true);
    } finally {
      await storage.close();
    }
    expect(await exited).toStrictEqual([0, null]);
  });

  it('can be closed when opened without migrating and never queried', async () => {
    const file = newFile();
    const storage = await openStorage({ sqliteFile: file, migrate: false });
    await storage.close();
    const inspector = new BetterSqlite3(file);
    expect(inspector.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'clients'").pluck().get()).toBe(0);
    inspector.close();
  });

  it('reads a client after every lookup made in the same turn, so a change committed meanwhile is seen by all of them', async () => {
    const file = newFile();
    const storage = await openStorage({ sqliteFile: file });
    const otherProcess = new BetterSqlite3(file);
    try {
      const now = new Date();
      await storage.clients.save({ clientId: 'turn-client', metadata: { client_id: 'turn-client' }, source: 'dcr', createdAt: now, updatedAt: now });
      expect(await storage.clients.find('turn-client')).toBeDefined();
      const beforeDelete = storage.clients.find('turn-client');
      otherProcess.prepare("DELETE FROM clients WHERE client_id = 'turn-client'").run();
      const afterDelete = storage.clients.find('turn-client');
      expect(await Promise.all([beforeDelete, afterDelete])).toStrictEqual([undefined, undefined]);
    } finally {
      otherProcess.close();
      await storage.close();
    }
  });
});
