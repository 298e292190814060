import { rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/**
 * The databases of the growth bench, one per phase so that none sees another's rows: SQLite files in the fixtures
 * directory, or PostgreSQL databases `obas_growth_<phase>` on the server of DATABASE_URL, dropped and created again
 * before use and dropped at the end.
 */

const requireFromObas = createRequire(new URL('../../package.json', import.meta.url));

/** The URL of database `name` on the server of `baseUrl` (same user, host, port and parameters). */
function urlOf(baseUrl, name) {
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Runs `statements` one by one on the database of `baseUrl` (CREATE / DROP DATABASE cannot run in a transaction). */
async function administer(baseUrl, statements) {
  const pg = requireFromObas('pg');
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * The database of one phase (`empty`, `seeded`, `soak`) of `kind` (`sqlite` or `postgres`): `fresh()` empties it
 * (removes the SQLite file, or drops and creates the PostgreSQL database) and resolves the scenario options that
 * point obas at it; `target` is what obas's `openStorage` takes; `drop()` removes it.
 */
export function phaseDatabase(kind, phase, { root, databaseUrl }) {
  const id = `growth-${phase}-${kind}`;
  const sqliteFile = join(root, `${id}.db`);
  if (kind === 'sqlite') {
    const drop = () => Promise.all(['', '-wal', '-shm'].map((suffix) => rm(`${sqliteFile}${suffix}`, { force: true })));
    return { id, target: { sqliteFile }, scenario: {}, fresh: drop, drop };
  }
  const name = `obas_growth_${phase}`;
  const url = urlOf(databaseUrl, name);
  return {
    id,
    target: { sqliteFile, databaseUrl: url },
    scenario: { databaseUrl: url },
    fresh: () => administer(databaseUrl, [`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`, `CREATE DATABASE ${name}`]),
    drop: () => administer(databaseUrl, [`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]),
  };
}

/**
 * A read-only view of a phase's database for the soak's samples, over a connection of its own: `count(table)`
 * resolves the table's row count; `close()` ends it.
 */
export async function openCounter(target) {
  if (target.databaseUrl === undefined) {
    const Database = requireFromObas('better-sqlite3');
    const database = new Database(target.sqliteFile, { readonly: true, fileMustExist: true });
    return {
      count: async (table) => database.prepare(`SELECT count(*) AS n FROM ${table}`).get().n,
      close: async () => database.close(),
    };
  }
  const pg = requireFromObas('pg');
  const client = new pg.Client({ connectionString: target.databaseUrl });
  await client.connect();
  await client.query('SET default_transaction_read_only = on');
  return {
    count: async (table) => Number((await client.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n),
    close: () => client.end(),
  };
}
