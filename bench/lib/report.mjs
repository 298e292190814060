import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FIXED_RATE_TARGETS } from './fixed-rate-row.mjs';

/**
 * The ratios issue 10 asks for, and a few for context; `target` is the goal on the bench machine, when there is one,
 * judged on the req/s ratio unless `basis` says `perServerCore` (requests per second of server CPU, robust to other
 * work on the machine).
 */
const RATIOS = [
  { numerator: 'obas-opaque', denominator: 'fastify-ceiling', target: 0.6, basis: 'perServerCore' },
  { numerator: 'obas-opaque', denominator: 'oidc-provider-opaque', target: 4, basis: 'perServerCore' },
  { numerator: 'obas-opaque', denominator: 'oidc-provider-opaque-sqlite' },
  { numerator: 'obas-jwt', denominator: 'https-sign-ceiling', target: 0.95, basis: 'perServerCore' },
  { numerator: 'obas-jwt-es256', denominator: 'https-sign-ceiling-es256', target: 0.9, basis: 'perServerCore' },
  { numerator: 'obas-jwt', denominator: 'sign-ceiling' },
  { numerator: 'obas-jwt', denominator: 'oidc-provider-jwt' },
  { numerator: 'https-sign-ceiling', denominator: 'sign-ceiling' },
  { numerator: 'obas-code', denominator: 'oidc-provider-code', target: 2, basis: 'perServerCore' },
  { numerator: 'obas-refresh', denominator: 'oidc-provider-refresh', target: 2, basis: 'perServerCore' },
  { numerator: 'obas-workers-2', denominator: 'obas-opaque', target: 0.9, basis: 'perServerCore' },
  // One obas process placed as the workers are (both cores, one shared with the load generator): the first ratio is
  // what that placement costs, the second what the second worker costs once placement is the same.
  { numerator: 'obas-opaque-shared', denominator: 'obas-opaque', basis: 'perServerCore' },
  { numerator: 'obas-workers-2', denominator: 'obas-opaque-shared', basis: 'perServerCore' },
  { numerator: 'obas-newconn', denominator: 'tls-handshake-ceiling', target: 0.85, basis: 'perServerCore' },
  { numerator: 'obas-newconn-resumed', denominator: 'obas-newconn', target: 3, basis: 'perServerCore' },
  { numerator: 'tls-handshake-ceiling-resumed', denominator: 'tls-handshake-ceiling', basis: 'perServerCore' },
  // What a request costs at half the peak rate against at the peak: the bare server's bounds the fixed-rate row.
  { numerator: 'fastify-ceiling-fixed-rate', denominator: 'fastify-ceiling', basis: 'perServerCore' },
  { numerator: 'obas-opaque-fixed-rate', denominator: 'obas-opaque', basis: 'perServerCore' },
  { numerator: 'obas-newconn-resumed', denominator: 'tls-handshake-ceiling-resumed', basis: 'perServerCore' },
  // PostgreSQL's own CPU is not the server process's: judged on req/s, like for like with SQLite.
  { numerator: 'obas-opaque-pg', denominator: 'obas-opaque', target: 0.8 },
  { numerator: 'obas-opaque-pg', denominator: 'oidc-provider-opaque' },
  { numerator: 'obas-workers-2-pg', denominator: 'obas-opaque-pg' },
  { numerator: 'obas-jwt-pg', denominator: 'https-sign-ceiling' },
];

/** How the servers differ although configured alike; printed under the table and kept in the JSON. */
export const DIFFERENCES = [
  'All HTTP servers: same TLS options (obas mutualTls: TLS >= 1.2, FAPI ciphers, requestCert, dev CA), same EC P-256 server certificate, same RSA-2048 TPP client certificate, one process pinned to the server core (except the -workers-2 rows and obas-opaque-shared: both cores, the load generator sharing one of them), the same Node flags (the recommended --max-semi-space-size=64, as npm start passes it, for every server).',
  'obas: `obas start` (fapi2 profile), tls_client_auth by subject DN with chain validation, certificate-bound tokens, 300 s lifetime; access tokens stored by SHA-256 in real storage; JWT aud = issuer.',
  'oidc-provider: FAPI 2.0 profile, tls_client_auth by subject DN (chain verdict = Node socket.authorized), certificate-bound tokens, 300 s lifetime, resource indicators with a default resource (JWT aud = that resource).',
  'oidc-provider storage: opaque tokens go to its default in-memory adapter (an in-process LRU of 1000 entries: nothing survives a restart or is shared), or in the -sqlite row to SQLite through the bench adapter; JWT access tokens are not stored at all; an opaque token is stored under its own value. obas writes every token, opaque or JWT, to SQLite/PostgreSQL under its SHA-256; with its defaults, neither waits for the disk on a token insert (SQLite WAL synchronous=NORMAL; PostgreSQL access-token inserts with synchronous_commit off, database.accessTokenCommit), so a crash of the database, not of obas, may lose the last tokens issued.',
  'https-sign-ceiling: bare node:https (no framework, no client authentication, no storage, no logging) answering each request with a PS256 at+jwt of obas\'s shape bound to the certificate, signed with node:crypto like the sign ceiling.',
  'https-sign-ceiling-es256 and obas-jwt-es256: the same with ES256 (P-256, node:crypto, R||S signature); obas signs with the ES256 key it creates in <dataDir>/keys at first start (profile accessTokenSigningAlg: ES256).',
  'obas-code / oidc-provider-code, obas-refresh / oidc-provider-refresh: the client is also registered for authorization_code and refresh_token (redirect URI, tls_client_auth, certificate-bound tokens, PKCE S256, scope accounts, which earns a refresh token on both); the PSU approvals are prepared before the server starts (obas: consent + grant + code or refresh token written through its storage layer, codes and tokens by SHA-256; oidc-provider: Grant + AuthorizationCode or RefreshToken saved through its Provider API), and each code is sent once by the load generator (lib/prepared-load.mjs, undici, 50 connections). Prepared codes live 600 s on both. Refresh tokens are not rotated (obas fapi2 default; oidc-provider rotateRefreshToken false), so the refresh rows go round 5000 prepared tokens; each refresh stores a new access token on both; obas answers without a refresh_token, oidc-provider repeats the one sent.',
  'oidc-provider in the code and refresh rows keeps grants, codes and tokens in its own in-memory adapter given room for 5 million entries (its default 1000-entry LRU would drop the prepared codes); it redeems a code by a find then a consume, not one atomic statement across processes. obas writes every code redemption, access and refresh token to SQLite, redeeming a code with one UPDATE … RETURNING (a replay revokes the grant, hence its tokens).',
  'obas-opaque-fixed-rate: obas as obas-opaque, loaded open loop (lib/fixed-rate-load.mjs over lib/raw-mtls-pool.mjs: a lean keep-alive client, TPP certificate, a new connection whenever all are busy, up to 200) at 50% of the req/s obas-opaque reached in the same round, or BENCH_FIXED_RATE; its p50/p99 are measured from each request\'s scheduled send time, unlike the closed-loop rows.',
  'fastify-ceiling-fixed-rate: fastify-ceiling loaded exactly as obas-opaque-fixed-rate, at 50% of the req/s fastify-ceiling reached in the same round: a reference, not judged; what the bare server does at half its own peak.',
  'tls-handshake-ceiling / obas-newconn / obas-newconn-resumed: a new TLS connection per request (lib/newconn-load.mjs, Connection: close); the ceilings are bare node:https on obas mutualTls answering a constant JSON (tls-handshake-ceiling-resumed resumes like obas-newconn-resumed); obas as obas-opaque (SQLite, every token stored, chain validated). Full handshakes: TLS 1.3, RSA-2048 client certificate; -resumed: a TLS 1.3 session ticket (PSK + ECDHE) per connection. Judged per core-s: the client\'s RSA signature per full handshake limits req/s.',
  'oidc-provider signs with jose (WebCrypto); obas signs with node:crypto. Per-request logging: off on both (obas logLevel in the header, oidc-provider has none).',
];

/** Share of the machine's CPU used by processes outside the bench above which a scenario is flagged as disturbed. */
const DISTURBED_PERCENT = 5;

/**
 * Requests (or signatures) per second of server CPU time: the rate divided by the share of its core the server got.
 * It estimates what a saturated, undisturbed core would do, so it stays comparable when other processes interfere.
 */
export function ratePerServerCore(scenario) {
  const share = (scenario.cpu?.serverCorePercent ?? 0) / 100;
  return share > 0 ? scenario.rate / share : undefined;
}

/** Computes every ratio whose two scenarios were measured and valid, on req/s and on req per server-core second. */
export function computeRatios(scenarios) {
  const byId = new Map(scenarios.map((scenario) => [scenario.id, scenario]));
  const divide = (top, bottom) => (top === undefined || bottom === undefined ? null : top / bottom);
  return RATIOS.filter(({ numerator, denominator }) => byId.has(numerator) && byId.has(denominator)).map((ratio) => {
    const [top, bottom] = [byId.get(ratio.numerator), byId.get(ratio.denominator)];
    const valid = top.valid && bottom.valid;
    const value = valid ? divide(top.rate, bottom.rate) : null;
    const perServerCore = valid ? divide(ratePerServerCore(top), ratePerServerCore(bottom)) : null;
    const judged = ratio.basis === 'perServerCore' ? perServerCore : value;
    return {
      name: `${ratio.numerator} / ${ratio.denominator}`,
      value,
      perServerCore,
      ...(ratio.target === undefined ? {} : { target: ratio.target, met: judged !== null && judged >= ratio.target }),
    };
  });
}

const basisOf = (name) => RATIOS.find((ratio) => `${ratio.numerator} / ${ratio.denominator}` === name)?.basis;

/** Judges each summarised ratio (rounds.mjs) against its target on its basis: the median req/s or per core-s ratio. */
export function judgeTargets(ratios) {
  return ratios.map((ratio) => {
    const basis = basisOf(ratio.name);
    if (ratio.target === undefined || basis === undefined) return ratio;
    return { ...ratio, basis, met: ratio[basis] !== null && ratio[basis] >= ratio.target };
  });
}

/**
 * The tail latencies of every open-loop row (fixed-rate-load.mjs) in its summarised round: p50, p99, p99.9 and max
 * from the scheduled send times, judged against FIXED_RATE_TARGETS unless the row is a reference (`reference: true`,
 * no verdict).
 */
export function judgeLatencies(scenarios) {
  return scenarios
    .filter((scenario) => scenario.openLoop !== undefined)
    .map(({ id, valid, openLoop, rate, p50, p99, p999, max, latencyReference }) => ({
      id,
      reference: latencyReference === true,
      offeredRate: openLoop.offeredRate,
      rateSource: openLoop.rateSource,
      loaderSendLag: { p99: openLoop.p99SendLagMs, p999: openLoop.p999SendLagMs, max: openLoop.maxSendLagMs },
      rate,
      p50,
      p99,
      p999,
      max,
      ...(latencyReference === true
        ? {}
        : {
            p99Target: FIXED_RATE_TARGETS.p99,
            p99Met: valid && p99 <= FIXED_RATE_TARGETS.p99,
            p999Target: FIXED_RATE_TARGETS.p999,
            p999Met: valid && p999 <= FIXED_RATE_TARGETS.p999,
          }),
    }));
}

const fixed = (value, digits) => (typeof value === 'number' && Number.isFinite(value) ? value.toFixed(digits) : '—');

const percent = (value) => (value === undefined ? '—' : `${fixed(value, 0)}%`);

function errorsOf(scenario) {
  if (scenario.failure !== undefined) return `FAILED: ${scenario.failure.split('\n')[0]}`;
  if (scenario.kind === 'sign') return '0';
  const parts = [];
  if (scenario.non2xx > 0) parts.push(`${scenario.non2xx} non-2xx ${JSON.stringify(scenario.statusCodes)}`);
  if (scenario.errors > 0) parts.push(`${scenario.errors} errors`);
  if (scenario.timeouts > 0) parts.push(`${scenario.timeouts} timeouts`);
  if (scenario.prepared?.exhausted) parts.push(`ran out of its ${scenario.prepared.count} prepared forms (raise BENCH_PREPARED_PER_SECOND)`);
  const warmup = scenario.warmup;
  if (warmup !== undefined && warmup.non2xx + warmup.errors + warmup.timeouts > 0) {
    parts.push(`warm-up: ${warmup.non2xx} non-2xx, ${warmup.errors} errors, ${warmup.timeouts} timeouts`);
  }
  return parts.length === 0 ? '0' : `INVALID: ${parts.join(', ')}`;
}

function table(rows) {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  const line = (row) => row.map((cell, column) => (column === 0 || column === 1 || column === row.length - 1 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ');
  return [line(rows[0]), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

/** The open-loop rows' tail latencies and their verdicts, for the report. */
function latencyLines(verdicts) {
  if (verdicts.length === 0) return [];
  const ms = (value) => `${fixed(value, 2)} ms`;
  const met = (ok) => (ok ? 'met' : 'NOT met');
  return [
    'tail latency at a fixed offered rate (open loop; latency from each request\'s scheduled send time):',
    ...verdicts.flatMap((v) => [
      `  ${v.id}: offered ${fixed(v.offeredRate, 0)} req/s (${v.rateSource}), answered ${fixed(v.rate, 0)} req/s`,
      `    p50 ${ms(v.p50)}, p99 ${ms(v.p99)}, p99.9 ${ms(v.p999)}, max ${ms(v.max)}; ${
        v.reference ? 'reference, not judged' : `p99 <= ${v.p99Target} ms: ${met(v.p99Met)}, p99.9 <= ${v.p999Target} ms: ${met(v.p999Met)}`
      }`,
      `    of which the load generator's own lateness in sending (p99 / p99.9 / max): ${ms(v.loaderSendLag.p99)} / ${ms(v.loaderSendLag.p999)} / ${ms(v.loaderSendLag.max)}`,
    ]),
    '',
  ];
}

/** The human-readable report: one row per scenario, then the ratios with their targets, then the differences. */
export function formatReport(result) {
  const rows = [
    ['scenario', 'storage', 'req/s', 'rounds', 'per core-s', 'p50 ms', 'p99 ms', 'server core', 'load core', 'others', 'errors'],
    ...result.scenarios.map((scenario) => [
      scenario.kind === 'sign' ? `${scenario.id} (signs/s, ms per sign)` : scenario.id,
      scenario.kind === 'sign' ? '—' : scenario.storageShort,
      fixed(scenario.rate, 0),
      (scenario.roundRates ?? []).map((rate) => fixed(rate, 0)).join('/'),
      fixed(scenario.valid ? ratePerServerCore(scenario) : undefined, 0),
      fixed(scenario.p50, 2),
      fixed(scenario.p99, 2),
      scenario.cpu?.databaseCorePercent === undefined
        ? percent(scenario.cpu?.serverCorePercent)
        : `${percent(scenario.cpu.serverCorePercent)} +db ${percent(scenario.cpu.databaseCorePercent)}`,
      scenario.kind === 'sign' ? '—' : percent(scenario.cpu?.loadCorePercent),
      percent(scenario.cpu?.otherProcessesPercent),
      errorsOf(scenario),
    ]),
  ];
  const ratios = result.ratios.map((ratio) => {
    const basis = ratio.basis === 'perServerCore' ? ' per core-s' : '';
    const verdict = ratio.target === undefined ? '' : `   target >= ${ratio.target}${basis}: ${ratio.met ? 'met' : 'NOT met'}`;
    const range = ratio.low === null ? '—' : `${fixed(ratio.low, 2)}–${fixed(ratio.high, 2)}`;
    return `  ${ratio.name.padEnd(44)} ${fixed(ratio.value, 2).padStart(6)} ${fixed(ratio.perServerCore, 2).padStart(10)} ${range.padStart(12)}${verdict}`;
  });
  const { settings, environment } = result;
  const disturbed = result.scenarios.filter((scenario) => (scenario.cpu?.otherProcessesPercent ?? 0) > DISTURBED_PERCENT);
  const warning =
    disturbed.length === 0
      ? []
      : [`WARNING: other processes used more than ${DISTURBED_PERCENT}% of the machine during ${disturbed.map((s) => s.id).join(', ')}: those numbers are disturbed.`, ''];
  return [
    '',
    `obas bench — ${environment.cpu}, ${environment.cpus} cores, Node ${environment.node}; server on core ${settings.serverCore}, load on core ${settings.loadCore}`,
    `${settings.rounds} round(s); ${settings.connections} keep-alive mTLS connections, ${settings.warmupSeconds} s warm-up + ${settings.seconds} s measured per scenario; sign ceiling ${settings.signSeconds} s; obas logLevel ${settings.obasLogLevel}`,
    `versions: ${Object.entries(environment.versions).map(([name, version]) => `${name} ${version}`).join(', ')}`,
    ...wakeCostLines(environment.wakeCost),
    '',
    table(rows),
    'per core-s: req/s divided by the server core share, i.e. requests per second of server CPU time (robust to noise).',
    'server core / load core: CPU time of the server / load generator as % of one core (a server well below 100% was',
    'held back by the load generator; "+db": PostgreSQL, unpinned, not counted in per core-s); others: % of the whole',
    'machine used by processes outside the bench. req/s and the other columns come from the round with the median',
    'rate; "rounds" lists every round\'s req/s. Each ratio is computed within each round; shown: the median round,',
    'on req/s and per core-s, and the lowest–highest round. Targets are judged on the median req/s ratio, or on the',
    'median per core-s ratio where the target says so.',
    '',
    ...warning,
    `ratios${' '.repeat(40)}req/s  per core-s  rounds low–high`,
    ...(ratios.length === 0 ? ['  (none: a ratio needs both of its scenarios)'] : ratios),
    '',
    ...latencyLines(result.latencyTargets ?? []),
    'differences:',
    ...result.differences.map((text) => `  - ${text}`),
    '',
  ].join('\n');
}

/** The machine's wake-up cost (`probes/wake-cost.mjs`), when it was measured. */
function wakeCostLines(wakeCost) {
  if (wakeCost === undefined) return [];
  const { gap0us, gap500us } = wakeCost.medianUs;
  return [
    `wake cost: a unit of request-like work takes ${fixed(gap0us, 1)} µs back to back and ${fixed(gap500us, 1)} µs after 0.5 ms idle on the server core ` +
      `(${fixed(wakeCost.afterIdleRatio, 2)}×): rows below their peak (fixed rate, new connections) pay that on each request`,
  ];
}

/** Writes the result to `bench/results/<ISO timestamp>.json` and returns the path. */
export async function writeResult(directory, result) {
  await mkdir(directory, { recursive: true });
  const file = join(directory, `${result.startedAt.replace(/:/g, '-')}.json`);
  await writeFile(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}
