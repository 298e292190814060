import fc from 'fast-check';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import {
  ACCOUNT_ACCESS,
  DOMESTIC_PAYMENT,
  authorizationParameters,
  clientCredentialsToken,
  createIntent,
  obtainCode,
  pkcePair,
  profileAuthorizeUrl,
  redeemCode,
  startAuthorizationFixture,
  type AuthorizationFixture,
} from '../authorization/authorization-fixture.js';
import { sandboxSsa, ssaClaims } from '../registration/registration-fixtures.js';
import type { Recipe } from './fuzz-arbitraries.js';
import { resolveRecipe, type FuzzSigners } from './fuzz-resolve.js';
import { describeFuzzRequest, fuzzAgent, loopbackOrigin, sendFuzzRequest, type FuzzOutcome, type FuzzRequest, type FuzzTransport } from './fuzz-sender.js';
import { recipeArbitrary, type FuzzMaterial } from './fuzz-templates.js';

/** Fixed unless overridden, so that a failure is reproduced by running again (`FUZZ_SEED=… FUZZ_RUNS=…`). */
const SEED = Number(process.env['FUZZ_SEED'] ?? 20_250_611);
/** Requests of the main run. */
const REQUESTS = Number(process.env['FUZZ_RUNS'] ?? 20_000);
/** Requests sent at once (each over its own connection of its identity's agent). */
const BATCH = 8;
const TIMEOUT_MS = 10_000;

/** Tokens, consents, a used code, an SSA and a PSU interaction in progress, from the running server. */
async function collectMaterial(fixture: AuthorizationFixture): Promise<FuzzMaterial> {
  const { a } = fixture;
  const token = (scope: string) => clientCredentialsToken(fixture, a, scope);
  const [accounts, payments, fundsconfirmations] = await Promise.all([token('accounts'), token('payments'), token('fundsconfirmations')]);
  const sacrificial = await Promise.all([token('accounts'), token('accounts')]);
  const consentIds = [
    await createIntent(fixture, a, ACCOUNT_ACCESS),
    await createIntent(fixture, a, ACCOUNT_ACCESS, 'account-access-consents', 'v4.0'),
    await createIntent(fixture, a, DOMESTIC_PAYMENT, 'domestic-payment-consents'),
  ];
  const { code, verifier } = await obtainCode(fixture);
  const redeemed = await redeemCode(fixture, a, code, verifier);
  expect(redeemed.status).toBe(200);
  const { challenge } = await pkcePair();
  const authorize = await request(await profileAuthorizeUrl(fixture, a, authorizationParameters(fixture, a, challenge, consentIds[0])), { dispatcher: fixture.bare });
  await authorize.body.dump();
  const path = String(authorize.headers['location']);
  const cookie = String([authorize.headers['set-cookie']].flat()[0]).split(';')[0] ?? '';
  const login = await request(new URL(path, fixture.server.issuer), { headers: { cookie }, dispatcher: fixture.bare });
  const csrf = /name="csrf" value="([^"]+)"/.exec(await login.body.text())?.[1] ?? '';
  expect({ path: path.startsWith('/login'), cookie: cookie.startsWith('__Host-obas-interaction='), csrf: csrf !== '' }).toEqual({ path: true, cookie: true, csrf: true });
  return {
    routes: fixture.server.routes,
    issuer: fixture.server.issuer,
    tokens: { accounts, payments, fundsconfirmations, psu: String(redeemed.json['access_token']) },
    sacrificial,
    refreshToken: String(redeemed.json['refresh_token']),
    usedCode: code,
    consentIds,
    subjectDn: fixture.certs.main.subjectDn,
    softwareStatement: await sandboxSsa(fixture.server.dataDir, ssaClaims(a.key)),
    interaction: { path, cookie, csrf },
  };
}

/** What the fuzz saw: answers by status, connections closed without an answer, hangs, server errors, the slowest answer. */
interface FuzzTally {
  sent: number;
  readonly statuses: Map<number, number>;
  readonly resets: { readonly request: FuzzRequest; readonly code: string }[];
  readonly failures: { readonly request: FuzzRequest; readonly outcome: FuzzOutcome }[];
  slowestMs: number;
}

const failed = (outcome: FuzzOutcome) => outcome.kind === 'hang' || (outcome.kind === 'answered' && outcome.status >= 500);

/** Resolves and sends one batch at once, tallies it, and throws (for fast-check to shrink) on a 5xx or a hang. */
async function sendBatch(signers: FuzzSigners, transport: FuzzTransport, tally: FuzzTally, batch: readonly Recipe[]): Promise<void> {
  const requests = await Promise.all(batch.map((recipe) => resolveRecipe(signers, recipe)));
  const outcomes = await Promise.all(requests.map((fuzz) => sendFuzzRequest(transport, fuzz)));
  tally.sent += requests.length;
  const bad: string[] = [];
  outcomes.forEach((outcome, i) => {
    const fuzz = requests[i] as FuzzRequest;
    if (outcome.kind === 'answered') {
      tally.statuses.set(outcome.status, (tally.statuses.get(outcome.status) ?? 0) + 1);
      tally.slowestMs = Math.max(tally.slowestMs, outcome.milliseconds);
    } else if (outcome.kind === 'reset') tally.resets.push({ request: fuzz, code: outcome.code });
    if (failed(outcome)) {
      tally.failures.push({ request: fuzz, outcome });
      bad.push(`${JSON.stringify(outcome)}\n${describeFuzzRequest(fuzz)}`);
    }
  });
  if (bad.length > 0) throw new Error(bad.join('\n---\n'));
}

const megabytes = (bytes: number) => Math.round(bytes / 1024 / 1024);

/** The garbage collector, exposed at run time, so that the heap figures count live objects rather than garbage. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

/** The fuzz's own agents (one per identity) and where they send. */
function fuzzTransport(fixture: AuthorizationFixture): FuzzTransport & { close(): Promise<void> } {
  const { certs, server } = fixture;
  const caPem = server.pki.caCertPem;
  const own = {
    'tpp-a': fuzzAgent({ certPem: certs.main.certPem, keyPem: certs.main.keyPem, caPem }),
    'tpp-b': fuzzAgent({ certPem: certs.other.certPem, keyPem: certs.other.keyPem, caPem }),
    bare: fuzzAgent({ caPem }),
  };
  return {
    bases: { 'front-channel': loopbackOrigin(server.issuer), mtls: loopbackOrigin(server.mtlsBaseUrl) },
    agents: { ...own, rs: fixture.resourceServer },
    timeoutMs: TIMEOUT_MS,
    close: async () => void (await Promise.all(Object.values(own).map((agent) => agent.close()))),
  };
}

/** Runs the seeded property over batches; resolves fast-check's details and what the fuzz measured. */
async function runFuzz(signers: FuzzSigners, transport: FuzzTransport, material: FuzzMaterial) {
  const tally: FuzzTally = { sent: 0, statuses: new Map(), resets: [], failures: [], slowestMs: 0 };
  const runs = Math.ceil(REQUESTS / BATCH);
  console.log(`[fuzz] seed ${SEED} (FUZZ_SEED), ${runs * BATCH} requests (FUZZ_RUNS), ${BATCH} at once, ${material.routes.length} routes`);
  collectGarbage();
  const before = process.memoryUsage();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const details = await fc.check(
    fc.asyncProperty(fc.array(recipeArbitrary(material), { minLength: BATCH, maxLength: BATCH }), (batch) => sendBatch(signers, transport, tally, batch)),
    { seed: SEED, numRuns: runs, interruptAfterTimeLimit: 240_000, markInterruptAsFailure: true },
  );
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  collectGarbage();
  const after = process.memoryUsage();
  const measured = {
    seed: SEED,
    requestsSent: tally.sent,
    seconds: Math.round(seconds),
    requestsPerSecond: Math.round(tally.sent / seconds),
    cpuMsPerRequest: Number(((cpu.user + cpu.system) / 1000 / tally.sent).toFixed(2)),
    statuses: Object.fromEntries([...tally.statuses].sort(([x], [y]) => x - y)),
    closedWithoutAnswer: tally.resets.length,
    serverErrorsOrHangs: tally.failures.length,
    slowestAnswerMs: tally.slowestMs,
    shrinks: details.numShrinks,
    rssMb: { before: megabytes(before.rss), after: megabytes(after.rss) },
    heapUsedAfterGcMb: { before: megabytes(before.heapUsed), after: megabytes(after.heapUsed) },
  };
  return { details, tally, measured };
}

/** The requests of a shrunk failing batch that fail when sent alone, described. */
async function failingAlone(signers: FuzzSigners, transport: FuzzTransport, batch: readonly Recipe[]): Promise<string[]> {
  const alone: string[] = [];
  for (const recipe of batch) {
    const fuzz = await resolveRecipe(signers, recipe);
    const outcome = await sendFuzzRequest(transport, fuzz);
    if (failed(outcome)) alone.push(`${JSON.stringify(outcome)}\n${describeFuzzRequest(fuzz)}`);
  }
  return alone;
}

describe('fuzz of every route of both listeners, uk-ob on SQLite (fast-check)', () => {
  let fixture: AuthorizationFixture;
  let material: FuzzMaterial;

  beforeAll(async () => {
    fixture = await startAuthorizationFixture({ profile: 'uk-ob', extra: { rateLimits: { enabled: false } } });
    material = await collectMaterial(fixture);
  });

  afterAll(async () => {
    await fixture?.close();
  });

  it(`answers ${REQUESTS} arbitrary and mutated requests without a 5xx, a hang or a dropped connection, and still serves a valid request`, async () => {
    const signers: FuzzSigners = { keys: { 'tpp-a': fixture.a.key, 'tpp-jwt': fixture.jwt.key, 'tpp-b': fixture.b.key }, messageSigner: fixture.a };
    const transport = fuzzTransport(fixture);
    onTestFinished(() => transport.close());
    const { details, tally, measured } = await runFuzz(signers, transport, material);
    console.log(`[fuzz] ${JSON.stringify(measured)}`);
    for (const reset of tally.resets.slice(0, 3)) console.log(`[fuzz] closed without an answer (${reset.code}):\n${describeFuzzRequest(reset.request)}`);
    if (details.failed) {
      const alone = await failingAlone(signers, transport, details.counterexample?.[0] ?? []);
      console.log(`[fuzz] minimal failing batch after ${details.numShrinks} shrinks; failing alone:\n${alone.join('\n---\n') || '(none alone)'}\n${String(details.errorInstance ?? '')}`);
    }
    expect(details.interrupted).toBe(false);
    expect(tally.failures.map(({ request: fuzz, outcome }) => `${JSON.stringify(outcome)} ${describeFuzzRequest(fuzz).slice(0, 500)}`)).toEqual([]);
    expect(tally.resets.map(({ request: fuzz, code }) => `${code} ${describeFuzzRequest(fuzz).slice(0, 500)}`)).toEqual([]);
    expect(tally.sent).toBeGreaterThanOrEqual(REQUESTS);

    expect(await clientCredentialsToken(fixture, fixture.a, 'accounts')).toMatch(/.{20,}/);
    const discovery = await request(`${fixture.server.issuer}/.well-known/openid-configuration`, { dispatcher: fixture.bare });
    expect(discovery.statusCode).toBe(200);
    await discovery.body.dump();
  }, 300_000);
});
