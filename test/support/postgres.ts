import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createPool, type PoolOptions } from '../../src/storage/postgres/pg-pool.js';
import { requireOrSkip } from './suite-requirement.js';

/** A database created for one test file. */
export interface TestDatabase {
  /** Connection URL of the new database (same server and credentials as `DATABASE_URL`). */
  readonly url: string;
  /** Terminates its connections and drops it. */
  drop(): Promise<void>;
}

/** Runs `statement` on the database `DATABASE_URL` names (an administrative connection). */
async function onServer(serverUrl: string, statement: string, values: unknown[] = []): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement, values);
  } finally {
    await client.end();
  }
}

/**
 * Creates a fresh, uniquely named database (`obas_t_<random>`) on the server of `DATABASE_URL` and returns its URL.
 * Resolves undefined when `DATABASE_URL` is unset; PostgreSQL suites then skip (`describe.skipIf`).
 */
export async function createTestDatabase(): Promise<TestDatabase | undefined> {
  const serverUrl = process.env['DATABASE_URL'];
  if (serverUrl === undefined || serverUrl === '') return undefined;
  const name = `obas_t_${randomBytes(6).toString('hex')}`;
  await onServer(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      await onServer(
        serverUrl,
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [name],
      );
      await onServer(serverUrl, `DROP DATABASE IF EXISTS ${name}`);
    },
  };
}

/**
 * Whether PostgreSQL suites run: `DATABASE_URL` is set. Otherwise they skip with one line saying so, unless
 * `OBAS_REQUIRE_POSTGRES=1` (CI), which makes the missing database an error.
 */
export const postgresAvailable = requireOrSkip((process.env['DATABASE_URL'] ?? '') !== '', {
  variable: 'OBAS_REQUIRE_POSTGRES',
  missing: 'PostgreSQL (DATABASE_URL)',
  install: 'start a PostgreSQL server and set DATABASE_URL=postgres://user@host:5432/db (the suites create and drop their own databases)',
});

/** A path for a SQLite database file in a new temporary directory (the file itself does not exist yet). */
export function sqliteTestFile(): string {
  return join(mkdtempSync(join(tmpdir(), 'obas-sqlite-')), 'obas.sqlite');
}

/** The first row `query` answers on a session of a pool made by obas's `createPool` with `options` (then closed). */
export async function onPooledSession(options: PoolOptions, query: string): Promise<unknown> {
  const pool = createPool(options);
  try {
    const { rows } = await pool.query(query);
    return rows[0];
  } finally {
    await pool.end();
  }
}
