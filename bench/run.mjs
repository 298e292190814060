import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createFixtures, writeJson } from './lib/fixtures.mjs';
import { LOAD_CORE, SERVER_CORE, runToJson } from './lib/processes.mjs';
import { probe } from './lib/probe.mjs';
import { computeRatios, DIFFERENCES, formatReport, judgeLatencies, judgeTargets, writeResult } from './lib/report.mjs';
import { summarizeRatios, summarizeScenarios } from './lib/rounds.mjs';
import { httpScenarios } from './lib/scenarios.mjs';

/**
 * `npm run bench`: measures the token endpoint (client_credentials over keep-alive mutual TLS, tls_client_auth) of
 * obas and of oidc-provider, a bare Fastify HTTPS ceiling and the node:crypto PS256 sign ceiling, each server pinned
 * to one core and the load generator to the other; prints a table and writes bench/results/<timestamp>.json.
 */
const here = (relative) => fileURLToPath(new URL(relative, import.meta.url));

function numberFromEnv(name, fallback, min) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min) throw new Error(`${name}: got ${raw}, expected a number >= ${min}`);
  return value;
}

const settings = {
  rounds: numberFromEnv('BENCH_ROUNDS', 3, 1),
  seconds: numberFromEnv('BENCH_SECONDS', 6, 1),
  warmupSeconds: numberFromEnv('BENCH_WARMUP_SECONDS', 3, 0),
  signSeconds: numberFromEnv('BENCH_SIGN_SECONDS', 5, 1),
  connections: numberFromEnv('BENCH_CONNECTIONS', 50, 1),
  fixedRate: numberFromEnv('BENCH_FIXED_RATE', undefined, 1),
  preparedPerSecond: numberFromEnv('BENCH_PREPARED_PER_SECOND', 2_500, 1),
  obasLogLevel: process.env.BENCH_OBAS_LOG_LEVEL || 'warn',
  serverCore: SERVER_CORE,
  loadCore: LOAD_CORE,
  postgres: process.env.DATABASE_URL !== undefined && process.env.DATABASE_URL !== '',
  only: process.env.BENCH_ONLY ? process.env.BENCH_ONLY.split(',').map((id) => id.trim()) : undefined,
};
const selected = (id) => settings.only === undefined || settings.only.includes(id);

const packageVersion = (path) => JSON.parse(readFileSync(here(path), 'utf8')).version;
const environment = {
  node: process.version,
  cpu: cpus()[0]?.model.trim() ?? 'unknown',
  cpus: cpus().length,
  versions: {
    obas: packageVersion('../package.json'),
    'oidc-provider': packageVersion('./node_modules/oidc-provider/package.json'),
    fastify: packageVersion('./node_modules/fastify/package.json'),
    autocannon: packageVersion('./node_modules/autocannon/package.json'),
  },
};

async function measureSignCeiling() {
  process.stderr.write(`• sign-ceiling: node:crypto PS256, RSA-2048, ${settings.signSeconds} s on core ${SERVER_CORE}\n`);
  const measured = await runToJson('sign-ceiling', SERVER_CORE, [here('./peers/sign-ceiling.mjs'), String(settings.signSeconds)]);
  return { id: 'sign-ceiling', server: 'node:crypto', kind: 'sign', storage: 'none', valid: true, ...measured };
}

/**
 * One HTTP scenario: start it (`measured`: the rows of this round so far, `earlier`: those of the rounds before, which
 * a scenario may derive its load from),
 * probe one answer, run its load generator. A scenario's `load` (static) and its started server's `load` (prepared
 * at start) add to the load settings; `probe` options of either shape the probe.
 */
async function measureHttp(scenario, fixtures, { measured, earlier }) {
  const description = { id: scenario.id, server: scenario.server, kind: scenario.kind, storage: scenario.storage, storageShort: scenario.storageShort };
  process.stderr.write(`• ${scenario.id}: starting on core ${SERVER_CORE}\n`);
  let server;
  try {
    server = await scenario.start(fixtures, { measured, earlier, settings });
    const token = await probe(scenario.kind, fixtures, server.url, { ...scenario.probe, ...server.probe });
    process.stderr.write(`  probe ok; ${settings.warmupSeconds} s warm-up + ${settings.seconds} s load from core ${LOAD_CORE}\n`);
    const loadFile = await writeJson(fixtures, `${scenario.id}.load.json`, {
      url: server.url,
      servername: 'localhost',
      connections: settings.connections,
      warmupSeconds: settings.warmupSeconds,
      seconds: settings.seconds,
      body: fixtures.form,
      clientKeyFile: fixtures.clientKeyFile,
      clientCertFile: fixtures.clientCertFile,
      caFile: fixtures.caFile,
      serverPid: server.child.pid,
      database: scenario.database === true,
      ...scenario.load?.settings,
      ...server.load,
    });
    const load = await runToJson(`load ${scenario.id}`, LOAD_CORE, [scenario.load?.script ?? here('./load.mjs'), loadFile]);
    const warmupClean = load.warmup === undefined || load.warmup.non2xx + load.warmup.errors + load.warmup.timeouts === 0;
    const prepared = load.prepared?.exhausted !== true; // a row that ran out of prepared codes sent fewer than it could
    const valid = load.non2xx === 0 && load.errors === 0 && load.timeouts === 0 && warmupClean && prepared && load.requests > 0;
    const ms = (value) => (typeof value === 'number' ? value.toFixed(2) : '—'); // no latency when nothing was answered
    process.stderr.write(`  ${load.rate.toFixed(0)} req/s, p50 ${ms(load.p50)} ms, p99 ${ms(load.p99)} ms${valid ? '' : ' — INVALID'}\n`);
    return { ...description, token, valid, ...load };
  } catch (error) {
    process.stderr.write(`  FAILED: ${error.message}\n`);
    return { ...description, valid: false, failure: error.message };
  } finally {
    await server?.stop();
  }
}

/** One round: every selected scenario once, the sign ceiling just before the first JWT scenario (same conditions). */
async function measureRound(http, fixtures, earlier) {
  const measured = [];
  const signAt = Math.max(0, http.findIndex((scenario) => scenario.kind === 'jwt'));
  for (const [index, scenario] of http.entries()) {
    if (index === signAt && selected('sign-ceiling')) measured.push(await measureSignCeiling());
    measured.push(await measureHttp(scenario, fixtures, { measured, earlier }));
  }
  if (http.length === 0 && selected('sign-ceiling')) measured.push(await measureSignCeiling());
  return { scenarios: measured, ratios: computeRatios(measured) };
}

const startedAt = new Date().toISOString();
const fixtures = await createFixtures();
const rounds = [];
try {
  const http = httpScenarios({ databaseUrl: process.env.DATABASE_URL || undefined, obasLogLevel: settings.obasLogLevel }).filter((s) => selected(s.id));
  for (let round = 1; round <= settings.rounds; round += 1) {
    process.stderr.write(`round ${round} of ${settings.rounds}\n`);
    rounds.push(await measureRound(http, fixtures, rounds.flatMap((earlier) => earlier.scenarios)));
  }
} finally {
  await fixtures.remove();
}
const scenarios = summarizeScenarios(rounds);

const result = {
  startedAt,
  finishedAt: new Date().toISOString(),
  environment,
  settings,
  scenarios,
  ratios: judgeTargets(summarizeRatios(rounds.map((round) => round.ratios))),
  latencyTargets: judgeLatencies(scenarios),
  rounds,
  differences: DIFFERENCES,
};
process.stdout.write(formatReport(result));
const file = await writeResult(here('./results'), result);
process.stdout.write(`result written to ${file}\n`);
if (scenarios.some((scenario) => !scenario.valid)) {
  process.stderr.write('some scenarios are invalid (non-2xx, errors or failed to run): see the errors column\n');
  process.exitCode = 1;
}
