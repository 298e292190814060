import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACCESS_TOKEN_COLUMNS, ACCESS_TOKEN_SQLITE_PARAMETERS, accessTokenValues } from '../dist/src/storage/mapping/access-token.mapping.js';
import { openStorage } from '../dist/src/storage/open-storage.js';
import { newOpaqueToken, tokenKey } from '../dist/src/tokens/token-key.js';

/**
 * What an access-token insert costs SQLite, apart from HTTP and obas's own code: CPU and WAL bytes per token when each
 * transaction holds one token (what every request gets when requests arrive one per event-loop turn, as at half the
 * peak or with a new connection per request) and when it holds a group commit's worth (near the peak). The schema is
 * obas's own, created by its migrations; each case is measured as it is and, when SQLITE_COST_WITHOUT names indexes
 * (comma-separated), again without them, to tell what an index costs. SQLITE_COST_PER_TRANSACTION (comma-separated,
 * default 1,30) sets the transaction sizes, e.g. 1,2,6,30 for what `database.sqliteCommitWindowMs` changes at a
 * steady load. Runs pinned to nothing: run it on an idle machine, and compare the variants within one run (they
 * alternate).
 *
 *   npm run -s build && node bench/sqlite-commit-cost.mjs
 */

const requireFromObas = createRequire(new URL('../package.json', import.meta.url));
const Database = requireFromObas('better-sqlite3');

const ROUNDS = Number(process.env.SQLITE_COST_ROUNDS ?? 2);
const TOKENS = Number(process.env.SQLITE_COST_TOKENS ?? 60_000);
const WARMUP_TOKENS = 10_000;
const TOKENS_PER_TRANSACTION = (process.env.SQLITE_COST_PER_TRANSACTION ?? '1,30').split(',').map(Number);
const WITHOUT = (process.env.SQLITE_COST_WITHOUT ?? '').split(',').filter((name) => name !== '');

/** A fresh database with obas's schema, opened with obas's pragmas but without automatic checkpoints (the WAL is measured). */
async function freshDatabase(dropped) {
  const dir = mkdtempSync(join(tmpdir(), 'obas-sqlite-cost-'));
  const file = join(dir, 'obas.db');
  await (await openStorage({ sqliteFile: file })).close();
  const database = new Database(file);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('wal_autocheckpoint = 0');
  for (const index of dropped) database.exec(`DROP INDEX ${index}`);
  return { database, file, dir };
}

/** Insert values of opaque client_credentials tokens as obas stores them (its token keys and row mapping), bound to one certificate. */
function tokenRows(count) {
  const certificateThumbprint = randomBytes(32).toString('base64url');
  const clientCreatedAt = new Date(Date.now() - 86_400_000);
  return Array.from({ length: count }, (_, index) => {
    const issuedAt = Date.now() + index;
    const tokenHash = tokenKey(newOpaqueToken(issuedAt));
    const record = { tokenHash, clientId: 'bench-tpp', scope: 'accounts', format: 'opaque', issuedAt: new Date(issuedAt), expiresAt: new Date(issuedAt + 300_000), certificateThumbprint, clientCreatedAt };
    return accessTokenValues(record);
  });
}

async function measure(perTransaction, dropped) {
  const { database, file, dir } = await freshDatabase(dropped);
  const insert = database.prepare(`INSERT INTO access_tokens (${ACCESS_TOKEN_COLUMNS}) VALUES (${ACCESS_TOKEN_SQLITE_PARAMETERS})`);
  const commit = database.transaction((rows) => rows.forEach((row) => insert.run(...row)));
  const run = (rows) => {
    for (let start = 0; start < rows.length; start += perTransaction) commit.immediate(rows.slice(start, start + perTransaction));
  };
  run(tokenRows(WARMUP_TOKENS));
  database.pragma('wal_checkpoint(TRUNCATE)');
  const rows = tokenRows(TOKENS);
  const cpu = process.cpuUsage();
  run(rows);
  const used = process.cpuUsage(cpu);
  const walBytes = statSync(`${file}-wal`).size;
  database.close();
  rmSync(dir, { recursive: true, force: true });
  return { cpuMicrosPerToken: (used.user + used.system) / TOKENS, walBytesPerToken: walBytes / TOKENS };
}

const variants = [{ name: 'schema as migrated', dropped: [] }, ...(WITHOUT.length === 0 ? [] : [{ name: `without ${WITHOUT.join(', ')}`, dropped: WITHOUT }])];
for (let round = 1; round <= ROUNDS; round += 1) {
  for (const perTransaction of TOKENS_PER_TRANSACTION) {
    for (const { name, dropped } of variants) {
      const { cpuMicrosPerToken, walBytesPerToken } = await measure(perTransaction, dropped);
      console.log(
        `round ${round}  ${String(perTransaction).padStart(2)} token(s) per transaction  ${name.padEnd(42)}  ` +
          `${cpuMicrosPerToken.toFixed(1).padStart(5)} µs CPU, ${walBytesPerToken.toFixed(0).padStart(6)} WAL bytes per token`,
      );
    }
  }
}
