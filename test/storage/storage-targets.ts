import { rm } from 'node:fs/promises';
import { afterAll, beforeAll } from 'vitest';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { openStorage } from '../../src/storage/open-storage.js';
import type { Storage } from '../../src/storage/ports.js';
import { createTestDatabase, sqliteTestFile } from '../support/postgres.js';

/** An empty database made for a test, on which any number of storages can be opened. */
export interface StorageTarget {
  readonly location: { readonly databaseUrl?: string; readonly sqliteFile: string };
  open(options?: { migrate?: boolean }): Promise<Storage>;
  /** Removes the database (file or PostgreSQL database); close its storages first. */
  dispose(): Promise<void>;
}

/** Makes a new empty database of one kind. */
export type NewStorageTarget = () => Promise<StorageTarget>;

function target(location: StorageTarget['location'], dispose: () => Promise<void>): StorageTarget {
  return {
    location,
    open: (options = {}) => openStorage({ ...location, ...options }),
    dispose,
  };
}

/** A fresh SQLite file in a temporary directory. */
export const newSqliteTarget: NewStorageTarget = async () => {
  const sqliteFile = sqliteTestFile();
  return target({ sqliteFile }, () => rm(dirname(sqliteFile), { recursive: true, force: true }));
};

/** A fresh database on the `DATABASE_URL` server; only call when PostgreSQL is available. */
export const newPostgresTarget: NewStorageTarget = async () => {
  const database = await createTestDatabase();
  if (database === undefined) throw new Error('DATABASE_URL is not set');
  return target({ databaseUrl: database.url, sqliteFile: join(tmpdir(), 'obas-unused.sqlite') }, async () => {
    await database.drop();
  });
};

/** A new database of one kind and two storages open on it (two connections, as two processes would have). */
export interface TwoStorages {
  readonly target: StorageTarget;
  readonly storage: Storage;
  readonly second: Storage;
}

/** Opens {@link TwoStorages} before the enclosing suite (handing them to `receive`) and closes them after it. */
export function useTwoStorages(newTarget: NewStorageTarget, receive: (opened: TwoStorages) => void): void {
  let opened: TwoStorages | undefined;
  beforeAll(async () => {
    const target = await newTarget();
    opened = { target, storage: await target.open(), second: await target.open() };
    receive(opened);
  });
  afterAll(async () => {
    await opened?.storage.close();
    await opened?.second.close();
    await opened?.target.dispose();
  });
}
