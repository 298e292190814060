import { randomFillSync } from 'node:crypto';
import { createRequire } from 'node:module';
import { openStorage } from '../../dist/src/storage/open-storage.js';

/**
 * The growth bench's bulk path: GROWTH_ROWS access tokens written straight into an obas database (its schema migrated
 * first through obas's own storage layer), not through HTTP. Rows look like obas's: the storage key is the issue time
 * in 12 hex digits followed by 43 base64url characters (src/tokens/token-key.ts: the SHA-256 of the token,
 * here 32 random bytes, which look the same), so that, as in production, keys grow with time; opaque, scope
 * `accounts`, bound to the bench certificate, spread over a few clients, issued over the last SPAN_SECONDS with the
 * fapi2 lifetime. Nothing is deleted by housekeeping during the bench: with the default retention (a day) a token is
 * kept a day past its expiry.
 */

const requireFromObas = createRequire(new URL('../../package.json', import.meta.url));

/** Issue times of the seeded tokens spread over this many seconds before now: what a day of traffic leaves. */
export const SPAN_SECONDS = 23 * 3600;
/** The clients the seeded tokens belong to: the bench client and seven others. */
const seededClients = (benchClientId) => [benchClientId, ...Array.from({ length: 7 }, (_, index) => `growth-tpp-${index + 1}`)];
/** Rows per SQLite transaction and per PostgreSQL statement. */
const SQLITE_BATCH = 100_000;
const POSTGRES_BATCH = 1_000_000;

/** The row plan shared by both databases: issue time of row `i` (ascending, evenly spread), expiry, clients. */
function plan({ rows, lifetimeSeconds, clientId }) {
  const end = Date.now() - 60_000;
  const start = end - SPAN_SECONDS * 1000;
  const step = (end - start) / Math.max(1, rows);
  // Every row names its client by a creation time, as obas's own rows do (the clients were created before the span).
  return { start, step, lifetimeMs: lifetimeSeconds * 1000, clients: seededClients(clientId), clientCreatedAt: start - 1_000 };
}

/** Creates obas's schema in the database (all migrations), through obas's own storage layer. */
async function migrate(target) {
  const storage = await openStorage(target);
  await storage.close();
}

/** Prints progress at every tenth of the rows. */
function progress(label, rows) {
  const started = performance.now();
  let nextTenth = 1;
  return (done) => {
    if (done < (nextTenth * rows) / 10) return;
    nextTenth = Math.floor((10 * done) / rows) + 1;
    const seconds = (performance.now() - started) / 1000;
    process.stderr.write(`  ${label}: ${done} rows, ${seconds.toFixed(1)} s, ${(done / seconds).toFixed(0)} rows/s\n`);
  };
}

/**
 * SQLite: one prepared INSERT (better-sqlite3 from obas's own node_modules) in transactions of SQLITE_BATCH rows,
 * with obas's pragmas except `synchronous = OFF` during the load (a crash would only lose the seed), then a TRUNCATE
 * checkpoint so that obas starts on a database file without a WAL to replay. Resolves rows, seconds and the file size.
 */
export async function seedSqlite({ sqliteFile, rows, lifetimeSeconds, clientId, thumbprint }) {
  await migrate({ sqliteFile });
  const Database = requireFromObas('better-sqlite3');
  const database = new Database(sqliteFile);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = OFF');
  database.pragma('cache_size = -262144');
  const insert = database.prepare(
    'INSERT INTO access_tokens (token_hash, client_id, scope, format, issued_at, expires_at, certificate_thumbprint, client_created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const { start, step, lifetimeMs, clients, clientCreatedAt } = plan({ rows, lifetimeSeconds, clientId });
  const random = Buffer.alloc(32 * SQLITE_BATCH);
  const insertBatch = database.transaction((first, last) => {
    randomFillSync(random);
    for (let index = first; index < last; index += 1) {
      const issuedAt = Math.floor(start + index * step);
      const offset = 32 * (index - first);
      const key = issuedAt.toString(16).padStart(12, '0') + random.toString('base64url', offset, offset + 32);
      insert.run(key, clients[index % clients.length], 'accounts', 'opaque', issuedAt, issuedAt + lifetimeMs, thumbprint, clientCreatedAt);
    }
  });
  const started = performance.now();
  const report = progress('seeded', rows);
  for (let first = 0; first < rows; first += SQLITE_BATCH) {
    const last = Math.min(rows, first + SQLITE_BATCH);
    insertBatch(first, last);
    report(last);
  }
  database.pragma('wal_checkpoint(TRUNCATE)');
  const seconds = (performance.now() - started) / 1000;
  const pages = database.pragma('page_count', { simple: true });
  const pageSize = database.pragma('page_size', { simple: true });
  database.close();
  return { rows, seconds, rowsPerSecond: rows / seconds, databaseBytes: pages * pageSize };
}

/**
 * PostgreSQL: INSERT … SELECT from generate_series, POSTGRES_BATCH rows per statement, keys from `gen_random_uuid`
 * through SHA-256 in base64url, then VACUUM ANALYZE (what autovacuum would have done on a table that grew over a day) and a CHECKPOINT, so that
 * flushing the seed does not fall into the measurements.
 * Resolves rows, seconds (the vacuum apart) and the table's size with its indexes.
 */
export async function seedPostgres({ databaseUrl, rows, lifetimeSeconds, clientId, thumbprint }) {
  await migrate({ sqliteFile: ':memory:', databaseUrl });
  const pg = requireFromObas('pg');
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { start, step, lifetimeMs, clients, clientCreatedAt } = plan({ rows, lifetimeSeconds, clientId });
    const started = performance.now();
    const report = progress('seeded', rows);
    for (let first = 0; first < rows; first += POSTGRES_BATCH) {
      const last = Math.min(rows, first + POSTGRES_BATCH);
      await client.query(
        `INSERT INTO access_tokens (token_hash, client_id, scope, format, issued_at, expires_at, certificate_thumbprint, client_created_at)
         SELECT lpad(to_hex(t), 12, '0') || rtrim(translate(encode(sha256(uuid_send(gen_random_uuid())), 'base64'), '+/', '-_'), '='),
                ($1::text[])[1 + i % cardinality($1::text[])], 'accounts', 'opaque', t, t + $2::bigint, $3, $8::bigint
           FROM (SELECT i, floor($4::float8 + i * $5::float8)::bigint AS t FROM generate_series($6::bigint, $7::bigint) AS i) AS planned`,
        [clients, lifetimeMs, thumbprint, start, step, first, last - 1, Math.floor(clientCreatedAt)],
      );
      report(last);
    }
    const seconds = (performance.now() - started) / 1000;
    const vacuumStarted = performance.now();
    await client.query('VACUUM ANALYZE access_tokens');
    // The seed leaves gigabytes of dirty buffers: flushed now rather than by a checkpoint during the measurements.
    await client.query('CHECKPOINT');
    const vacuumSeconds = (performance.now() - vacuumStarted) / 1000;
    const size = await client.query(`SELECT pg_total_relation_size('access_tokens') AS bytes`);
    return { rows, seconds, rowsPerSecond: rows / seconds, vacuumSeconds, databaseBytes: Number(size.rows[0].bytes) };
  } finally {
    await client.end();
  }
}
