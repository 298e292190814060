import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { FAPI2_PROFILE } from '../dist/src/config/profiles/fapi2.profile.js';
import { numberFromEnv } from './lib/env-number.mjs';
import { createFixtures } from './lib/fixtures.mjs';
import { phaseDatabase } from './lib/growth-databases.mjs';
import { formatGrowthReport, judgeIssuance, judgeSoak, writeGrowthResult } from './lib/growth-report.mjs';
import { seedPostgres, seedSqlite } from './lib/growth-seed.mjs';
import { runSoak } from './lib/growth-soak.mjs';
import { measureHttp } from './lib/measure-http.mjs';
import { LOAD_CORE, SERVER_CORE } from './lib/processes.mjs';
import { obasScenario } from './lib/scenarios.mjs';

/**
 * `npm run bench:growth`: does obas stay as fast with a large token table, and do its tables and memory stay bounded
 * under sustained load? Per database (SQLite; PostgreSQL too when DATABASE_URL is set): client_credentials issuance
 * on an empty database, GROWTH_ROWS access tokens bulk-written into another (not through HTTP), issuance on that
 * one, alternating over BENCH_ROUNDS; then a soak at peak rate with short lifetimes and housekeeping, sampling row
 * counts and RSS. Prints a table and writes bench/results/growth-<timestamp>.json.
 */
const here = (relative) => fileURLToPath(new URL(relative, import.meta.url));

const only = process.env.GROWTH_ONLY ? process.env.GROWTH_ONLY.split(',').map((item) => item.trim()) : [];
const databaseUrl = process.env.DATABASE_URL || undefined;
const picked = (names) => {
  const named = names.filter((name) => only.includes(name));
  return named.length > 0 ? named : names;
};
const settings = {
  rows: numberFromEnv('GROWTH_ROWS', 10_000_000, 1),
  rounds: numberFromEnv('BENCH_ROUNDS', 3, 1),
  seconds: numberFromEnv('BENCH_SECONDS', 6, 1),
  warmupSeconds: numberFromEnv('BENCH_WARMUP_SECONDS', 3, 0),
  connections: numberFromEnv('BENCH_CONNECTIONS', 50, 1),
  obasLogLevel: process.env.BENCH_OBAS_LOG_LEVEL || 'warn',
  serverCore: SERVER_CORE,
  loadCore: LOAD_CORE,
  databases: picked(['sqlite', 'postgres']).filter((kind) => kind === 'sqlite' || databaseUrl !== undefined),
  steps: picked(['issuance', 'soak']),
  soak: {
    seconds: numberFromEnv('GROWTH_SOAK_SECONDS', 600, 10),
    tokenSeconds: numberFromEnv('GROWTH_SOAK_TOKEN_SECONDS', 60, 1),
    intervalSeconds: numberFromEnv('GROWTH_SOAK_INTERVAL_SECONDS', 30, 1),
    retentionSeconds: numberFromEnv('GROWTH_SOAK_RETENTION_SECONDS', 60, 0),
    sampleSeconds: numberFromEnv('GROWTH_SAMPLE_SECONDS', 20, 1),
    grantsPerSecond: numberFromEnv('GROWTH_SOAK_GRANTS_PER_SECOND', 20, 1),
  },
};
if (only.includes('postgres') && databaseUrl === undefined) throw new Error('GROWTH_ONLY names postgres but DATABASE_URL is not set');

const packageVersion = (path) => JSON.parse(readFileSync(here(path), 'utf8')).version;
const environment = {
  node: process.version,
  cpu: cpus()[0]?.model.trim() ?? 'unknown',
  cpus: cpus().length,
  versions: { obas: packageVersion('../package.json'), autocannon: packageVersion('./node_modules/autocannon/package.json') },
};

/** Issuance with the fapi2 profile's defaults (as `obas-opaque` of run.mjs) on one phase database. */
function issuanceScenario(database) {
  return obasScenario({ id: database.id, format: 'opaque', logLevel: settings.obasLogLevel, ...database.scenario });
}

/** Empty and seeded issuance of one database, alternating over the rounds; the seed is written once, before round 1's seeded measurement. */
async function measureIssuance(kind, fixtures) {
  const empty = phaseDatabase(kind, 'empty', { root: fixtures.root, databaseUrl });
  const seeded = phaseDatabase(kind, 'seeded', { root: fixtures.root, databaseUrl });
  const rounds = [];
  let seed;
  try {
    for (let round = 1; round <= settings.rounds; round += 1) {
      process.stderr.write(`${kind}: round ${round} of ${settings.rounds}\n`);
      await empty.fresh();
      const emptyRow = await measureHttp(issuanceScenario(empty), fixtures, settings, { measured: [], earlier: [] });
      if (seed === undefined) {
        await seeded.fresh();
        process.stderr.write(`• seeding ${settings.rows} access tokens into ${seeded.id}\n`);
        const write = kind === 'sqlite' ? seedSqlite : seedPostgres;
        seed = await write({
          ...seeded.target,
          rows: settings.rows,
          lifetimeSeconds: FAPI2_PROFILE.lifetimes.accessToken,
          clientId: fixtures.client.client_id,
          thumbprint: fixtures.clientThumbprint,
        });
        process.stderr.write(`  ${seed.rows} rows in ${seed.seconds.toFixed(1)} s: ${seed.rowsPerSecond.toFixed(0)} rows/s\n`);
      }
      const seededRow = await measureHttp(issuanceScenario(seeded), fixtures, settings, { measured: [], earlier: [] });
      rounds.push({ empty: emptyRow, seeded: seededRow });
    }
  } finally {
    await empty.drop();
    await seeded.drop();
  }
  return { seed, rounds, issuance: judgeIssuance(rounds) };
}

async function measureSoak(kind, fixtures) {
  const database = phaseDatabase(kind, 'soak', { root: fixtures.root, databaseUrl });
  try {
    const soak = await runSoak(database, fixtures, settings, settings.soak);
    return { soak, soakVerdicts: judgeSoak(soak, settings.soak) };
  } finally {
    await database.drop();
  }
}

const startedAt = new Date().toISOString();
const fixtures = await createFixtures();
const databases = [];
try {
  for (const kind of settings.databases) {
    const phase = { database: kind === 'sqlite' ? 'SQLite' : 'PostgreSQL' };
    if (settings.steps.includes('issuance')) Object.assign(phase, await measureIssuance(kind, fixtures));
    if (settings.steps.includes('soak')) Object.assign(phase, await measureSoak(kind, fixtures));
    databases.push(phase);
  }
} finally {
  await fixtures.remove();
}
const met = databases.every((phase) => (phase.issuance?.met ?? true) && (phase.soakVerdicts?.met ?? true));
const result = { startedAt, finishedAt: new Date().toISOString(), environment, settings, databases, met };
process.stdout.write(formatGrowthReport(result));
const file = await writeGrowthResult(here('./results'), result);
process.stdout.write(`result written to ${file}\n`);
if (!met) process.exitCode = 1;
