import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { numberFromEnv } from './lib/env-number.mjs';
import { createFixtures } from './lib/fixtures.mjs';
import { measureHttp } from './lib/measure-http.mjs';
import { LOAD_CORE, SERVER_CORE, runToJson } from './lib/processes.mjs';
import { computeRatios, DIFFERENCES, formatReport, judgeLatencies, judgeTargets, writeResult } from './lib/report.mjs';
import { summarizeRatios, summarizeScenarios } from './lib/rounds.mjs';
import { httpScenarios } from './lib/scenarios.mjs';

/**
 * `npm run bench`: measures the token endpoint (client_credentials over keep-alive mutual TLS, tls_client_auth) of
 * obas and of oidc-provider, a bare Fastify HTTPS ceiling and the node:crypto PS256 sign ceiling, each server pinned
 * to one core and the load generator to the other; prints a table and writes bench/results/<timestamp>.json.
 */
const here = (relative) => fileURLToPath(new URL(relative, import.meta.url));

const settings = {
  rounds: numberFromEnv('BENCH_ROUNDS', 3, 1),
  seconds: numberFromEnv('BENCH_SECONDS', 6, 1),
  warmupSeconds: numberFromEnv('BENCH_WARMUP_SECONDS', 3, 0),
  signSeconds: numberFromEnv('BENCH_SIGN_SECONDS', 5, 1),
  connections: numberFromEnv('BENCH_CONNECTIONS', 50, 1),
  fixedRate: numberFromEnv('BENCH_FIXED_RATE', undefined, 1),
  preparedPerSecond: numberFromEnv('BENCH_PREPARED_PER_SECOND', 12_000, 1),
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

/** One round: every selected scenario once, the sign ceiling just before the first JWT scenario (same conditions). */
async function measureRound(http, fixtures, earlier) {
  const measured = [];
  const signAt = Math.max(0, http.findIndex((scenario) => scenario.kind === 'jwt'));
  for (const [index, scenario] of http.entries()) {
    if (index === signAt && selected('sign-ceiling')) measured.push(await measureSignCeiling());
    measured.push(await measureHttp(scenario, fixtures, settings, { measured, earlier }));
  }
  if (http.length === 0 && selected('sign-ceiling')) measured.push(await measureSignCeiling());
  return { scenarios: measured, ratios: computeRatios(measured) };
}

const startedAt = new Date().toISOString();
process.stderr.write(`• wake-cost probe on core ${SERVER_CORE}\n`);
environment.wakeCost = await runToJson('wake-cost', SERVER_CORE, [here('./probes/wake-cost.mjs')]);
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
