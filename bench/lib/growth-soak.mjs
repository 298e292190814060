import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { openStorage } from '../../dist/src/storage/open-storage.js';
import { timeOrderedUuid } from '../../dist/src/tokens/time-ordered-uuid.js';
import { hashToken, randomHandle } from '../../dist/src/tokens/token-hash.js';
import { newOpaqueToken, newTokenKey } from '../../dist/src/tokens/token-key.js';
import { processTicks } from './cpu-usage.mjs';
import { writeJson } from './fixtures.mjs';
import { GRANT_SCOPE, pkcePair, PSU_ACCOUNTS, PSU_SUBJECT, REDIRECT_URI } from './grant-forms.mjs';
import { openCounter } from './growth-databases.mjs';
import { freePort, LOAD_CORE, runToJson } from './processes.mjs';
import { probe } from './probe.mjs';
import { obasScenario } from './scenarios.mjs';

/**
 * The soak of the growth bench: obas on a fresh database with short lifetimes and housekeeping knobs, driven at its
 * peak (load.mjs, client_credentials, for GROWTH_SOAK_SECONDS), while approved PSU grants, each with an authorization
 * code and a refresh token, are written beside it at a fixed rate; every sample records the row counts, the server's
 * RSS, its token rate and its CPU in that window.
 */

const LOAD = fileURLToPath(new URL('../load.mjs', import.meta.url));
const ISSUED = 'obas_tokens_issued_total{grant_type="client_credentials",token_type="access_token"}';
/** Tables whose rows the soak counts. */
export const SOAK_TABLES = ['access_tokens', 'authorization_codes', 'grants', 'refresh_tokens'];
/** obas keeps codes at most 60 s (profile lifetimes). */
const MAX_CODE_SECONDS = 60;
/** Clock ticks per second of /proc/<pid>/stat on Linux. */
const TICKS_PER_SECOND = 100;

/** The server's resident set in KiB (VmRSS of /proc/<pid>/status). */
function rssKiB(pid) {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((candidate) => candidate.startsWith('VmRSS:'));
  return Number(line?.split(/\s+/)[1]);
}

/** Client credentials tokens obas has issued so far, from its Prometheus listener. */
async function issuedSoFar(metricsUrl) {
  const text = await (await fetch(metricsUrl)).text();
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${ISSUED} `));
  return line === undefined ? 0 : Number(line.slice(ISSUED.length + 1));
}

/**
 * What a PSU's approved authorization code grant leaves in storage, written through obas's storage layer: `count`
 * grants living `seconds`, each with a code (S256 challenge, at most 60 s) and a certificate-bound refresh token
 * living as long as the grant, in one transaction; grant ids and refresh token keys are time-ordered, as obas makes them.
 */
async function writePsuGrants(storage, count, { clientId, thumbprint, seconds }) {
  const now = new Date();
  const until = (lifetime) => new Date(now.getTime() + lifetime * 1000);
  await storage.withTransaction(async (repositories) => {
    for (let index = 0; index < count; index += 1) {
      const grantId = timeOrderedUuid(now.getTime());
      const grant = { grantId, clientId, subject: PSU_SUBJECT, scope: GRANT_SCOPE, accounts: PSU_ACCOUNTS, authTime: now, createdAt: now, expiresAt: until(seconds) };
      await repositories.grants.insert(grant);
      await repositories.authorizationCodes.insert({
        codeHash: hashToken(randomHandle(32)),
        clientId,
        grantId,
        redirectUri: REDIRECT_URI,
        codeChallenge: pkcePair().challenge,
        issuedAt: now,
        expiresAt: until(Math.min(MAX_CODE_SECONDS, seconds)),
      });
      await repositories.refreshTokens.insert({
        tokenHash: newTokenKey(newOpaqueToken(now.getTime()), now.getTime()),
        grantId,
        clientId,
        scope: GRANT_SCOPE,
        certificateThumbprint: thumbprint,
        issuedAt: now,
        expiresAt: until(seconds),
      });
    }
  });
}

/**
 * Runs one soak on `database` (growth-databases.mjs phaseDatabase, made fresh here) with `soak` settings
 * (`seconds`, `tokenSeconds`, `intervalSeconds`, `retentionSeconds`, `sampleSeconds`, `grantsPerSecond`) and the
 * bench `settings` (connections, log level). Resolves the load generator's result over the whole soak, the samples
 * and the number of PSU grants written.
 */
export async function runSoak(database, fixtures, settings, soak) {
  await database.fresh();
  const metricsPort = await freePort();
  const scenario = obasScenario({
    id: database.id,
    format: 'opaque',
    logLevel: settings.obasLogLevel,
    ...database.scenario,
    profile: { lifetimes: { accessToken: soak.tokenSeconds } },
    config: {
      housekeeping: { intervalSeconds: soak.intervalSeconds, retentionSeconds: soak.retentionSeconds },
      metrics: { enabled: true, host: '127.0.0.1', port: metricsPort },
    },
  });
  const metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
  process.stderr.write(`• ${database.id}: soak of ${soak.seconds} s, tokens live ${soak.tokenSeconds} s, housekeeping every ${soak.intervalSeconds} s keeping ${soak.retentionSeconds} s\n`);
  const server = await scenario.start(fixtures, { measured: [], earlier: [], settings });
  const storage = await openStorage({ ...database.target, migrate: false });
  const counter = await openCounter(database.target);
  const samples = [];
  let grantsWritten = 0;
  let writerFailure;
  try {
    await probe('opaque', fixtures, server.url);
    const loadFile = await writeJson(fixtures, `${database.id}.load.json`, {
      url: server.url,
      servername: 'localhost',
      connections: settings.connections,
      warmupSeconds: 0,
      seconds: soak.seconds,
      body: fixtures.form,
      clientKeyFile: fixtures.clientKeyFile,
      clientCertFile: fixtures.clientCertFile,
      caFile: fixtures.caFile,
      serverPid: server.child.pid,
      database: database.target.databaseUrl !== undefined,
    });
    const pid = server.child.pid;
    const started = performance.now();
    let previous = { at: started, issued: await issuedSoFar(metricsUrl), ticks: processTicks(pid) };
    const sample = async () => {
      const at = performance.now();
      const [issued, ticks, rss] = [await issuedSoFar(metricsUrl), processTicks(pid), rssKiB(pid)];
      const counts = {};
      for (const table of SOAK_TABLES) counts[table] = await counter.count(table);
      const windowSeconds = (at - previous.at) / 1000;
      const row = {
        second: Math.round((at - started) / 1000),
        rssKiB: rss,
        issuedTotal: issued,
        issuedPerSecond: windowSeconds > 0 ? (issued - previous.issued) / windowSeconds : 0,
        serverCorePercent: windowSeconds > 0 ? (100 * (ticks - previous.ticks)) / TICKS_PER_SECOND / windowSeconds : 0,
        grantsWritten,
        ...counts,
      };
      previous = { at, issued, ticks };
      samples.push(row);
      process.stderr.write(
        `  ${String(row.second).padStart(4)} s: ${row.issuedPerSecond.toFixed(0)} tokens/s, RSS ${(rss / 1024).toFixed(0)} MiB, ` +
          `${SOAK_TABLES.map((table) => `${table} ${counts[table]}`).join(', ')}\n`,
      );
    };
    await sample();
    const load = runToJson(`load ${database.id}`, LOAD_CORE, [LOAD, loadFile]);
    let running = true;
    const stopSampling = () => {
      running = false;
    };
    load.then(stopSampling, stopSampling);
    const writer = setInterval(() => {
      writePsuGrants(storage, soak.grantsPerSecond, { clientId: fixtures.client.client_id, thumbprint: fixtures.clientThumbprint, seconds: soak.tokenSeconds })
        .then(() => {
          grantsWritten += soak.grantsPerSecond;
        })
        .catch((error) => {
          writerFailure ??= error.message;
        });
    }, 1000);
    try {
      for (let next = started + soak.sampleSeconds * 1000; running; next += soak.sampleSeconds * 1000) {
        await Promise.race([load.catch(() => undefined), new Promise((done) => setTimeout(done, Math.max(0, next - performance.now())))]);
        if (running) await sample();
      }
    } finally {
      clearInterval(writer);
    }
    const result = await load;
    await sample();
    return { id: database.id, load: result, samples, grantsWritten, ...(writerFailure === undefined ? {} : { writerFailure }) };
  } finally {
    await counter.close();
    await storage.close();
    await server.stop();
  }
}
