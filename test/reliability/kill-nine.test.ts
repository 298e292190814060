import { join } from 'node:path';
import type { Agent } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port.js';
import { prepareDataDir } from '../support/obas-harness.js';
import { spawnObas, type ObasProcess } from '../support/obas-process.js';
import { createTestDatabase, postgresAvailable, type TestDatabase } from '../support/postgres.js';
import { PsuHttpClient } from '../support/psu-http.js';
import { tppAgent } from '../support/tpp-client.js';
import { clientSigningKey, issueTppCertificates } from '../support/tpp-fixtures.js';
import { authorisedCode, authorisedRefreshToken, postTo, raceSettings, type RaceTarget } from './races.scenarios.js';

/** Answered tokens before the kill: at least this many, then `kill -9` while the workers are still sending. */
const KILL_AFTER_TOKENS = 250;
const CLIENT_CREDENTIALS_WORKERS = 4;
/** Long enough for a refresh whose answer the kill swallowed to be retried after the restart (docs: the grace rule). */
const GRACE_SECONDS = 120;

const targets = [
  { name: 'SQLite', database: async (): Promise<TestDatabase | undefined> => undefined, skip: false },
  { name: 'PostgreSQL', database: createTestDatabase, skip: !postgresAvailable },
];

/** What the load got back before the kill: every access token answered 200, and the newest refresh token answered. */
interface Answered {
  readonly accessTokens: string[];
  latestRefreshToken: string;
  /** Requests the kill cut off (no answer). */
  cutOff: number;
  /** Anything but a 200 before the kill (there should be none). */
  readonly failures: string[];
  readonly byGrant: Record<'client_credentials' | 'refresh_token' | 'authorization_code', number>;
}

describe.each(targets)('obas killed with SIGKILL under load and restarted, $name', ({ name, database, skip }) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  /** Starts `obas start` on a fresh data directory (and database); resolves a race target and a way to (re)start. */
  async function deployment(): Promise<{ target: RaceTarget; start: () => Promise<ObasProcess>; agentFor: () => Agent }> {
    const db = await database();
    const { dataDir, pki } = await prepareDataDir();
    const [certs, key] = await Promise.all([issueTppCertificates(pki), clientSigningKey('PS256', 'a-1')]);
    const [frontPort, mtlsPort] = [await freePort(), await freePort()];
    const issuer = `https://localhost:${frontPort}`;
    const mtlsBaseUrl = `https://localhost:${mtlsPort}`;
    const config = {
      issuer,
      dataDir,
      frontChannel: { host: '127.0.0.1', port: frontPort },
      mtls: { host: '127.0.0.1', port: mtlsPort, baseUrl: mtlsBaseUrl },
      ...(db === undefined ? {} : { database: { url: db.url } }),
      ...raceSettings('stet', { refreshTokens: { rotate: true, graceSeconds: GRACE_SECONDS } }, certs, key),
    };
    const agentFor = () => tppAgent({ certPem: certs.main.certPem, keyPem: certs.main.keyPem, caPem: pki.caCertPem });
    const agent = agentFor();
    const psu = new PsuHttpClient(issuer, pki.caCertPem);
    cleanups.push(async () => {
      await Promise.all([agent.close(), psu.close()]);
      await db?.drop();
    });
    const start = async () => {
      const started = await spawnObas(dataDir, 'kill-nine', config);
      const { child } = started;
      cleanups.push(async () => {
        if (child.exitCode === null && child.signalCode === null) await started.stop();
      });
      return started;
    };
    return { target: { profile: 'stet', issuer, mtlsUrls: [mtlsBaseUrl], agent, psu, key, configFile: join(dataDir, 'kill-nine.json') }, start, agentFor };
  }

  /** Runs the load until `KILL_AFTER_TOKENS` tokens were answered, kills obas with SIGKILL mid-load, waits for the workers. */
  async function loadThenKill(target: RaceTarget, obas: ObasProcess, refreshToken: string): Promise<Answered & { loadMs: number }> {
    const answered: Answered = { accessTokens: [], latestRefreshToken: refreshToken, cutOff: 0, failures: [], byGrant: { client_credentials: 0, refresh_token: 0, authorization_code: 0 } };
    let running = true;
    let killing = false;
    let killed!: () => void;
    const killTime = new Promise<void>((resolve) => (killed = resolve));
    const answer = (grant: keyof Answered['byGrant'], json: Record<string, unknown>) => {
      answered.accessTokens.push(String(json['access_token']));
      answered.byGrant[grant] += 1;
      if (answered.accessTokens.length >= KILL_AFTER_TOKENS) killed();
    };
    const worker = async (step: () => Promise<void>) => {
      while (running) {
        try {
          await step();
        } catch (error) {
          if (killing) answered.cutOff += 1;
          else answered.failures.push(String(error));
        }
      }
    };
    const clientCredentials = async () => {
      const response = await postTo(target, 0, '/token', { grant_type: 'client_credentials' });
      expect(response.status).toBe(200);
      answer('client_credentials', response.json);
    };
    const refresh = async () => {
      const response = await postTo(target, 0, '/token', { grant_type: 'refresh_token', refresh_token: answered.latestRefreshToken });
      expect(response.status).toBe(200);
      answered.latestRefreshToken = String(response.json['refresh_token']);
      answer('refresh_token', response.json);
    };
    const code = async () => {
      const { code: value, verifier } = await authorisedCode(target);
      const response = await postTo(target, 0, '/token', { grant_type: 'authorization_code', code: value, code_verifier: verifier, redirect_uri: 'https://tpp-a.example/cb' });
      expect(response.status).toBe(200);
      answer('authorization_code', response.json);
    };
    const started = performance.now();
    const workers = [...Array.from({ length: CLIENT_CREDENTIALS_WORKERS }, () => worker(clientCredentials)), worker(refresh), worker(code)];
    await Promise.race([killTime, new Promise((resolve) => setTimeout(resolve, 20_000))]);
    const exited = new Promise((resolve) => obas.child.once('exit', resolve));
    killing = true;
    obas.child.kill('SIGKILL');
    const loadMs = Math.round(performance.now() - started);
    await exited;
    running = false;
    await Promise.all(workers);
    return { ...answered, loadMs };
  }

  it.skipIf(skip)('every access token answered 200 before the kill is still active after the restart, and the refresh chain goes on', async () => {
    const { target, start, agentFor } = await deployment();
    const first = await start();
    const { refreshToken } = await authorisedRefreshToken(target);
    const answered = await loadThenKill(target, first, refreshToken);
    expect(answered.failures).toEqual([]);
    expect(answered.accessTokens.length).toBeGreaterThanOrEqual(KILL_AFTER_TOKENS);

    const restartedAt = performance.now();
    await start();
    const restartMs = Math.round(performance.now() - restartedAt);
    const agent = agentFor();
    cleanups.push(() => agent.close());
    const after: RaceTarget = { ...target, agent };
    const inactive: string[] = [];
    for (let i = 0; i < answered.accessTokens.length; i += 16) {
      const batch = answered.accessTokens.slice(i, i + 16);
      const answers = await Promise.all(batch.map((token) => postTo(after, 0, '/introspect', { token })));
      answers.forEach((response, j) => response.json['active'] !== true && inactive.push(batch[j] ?? ''));
    }
    expect(inactive).toEqual([]);
    const next = await postTo(after, 0, '/token', { grant_type: 'refresh_token', refresh_token: answered.latestRefreshToken });
    expect(next.status).toBe(200);
    console.log(
      `[kill-nine:${name}] ${JSON.stringify({ tokensChecked: answered.accessTokens.length, stillActive: answered.accessTokens.length - inactive.length, byGrant: answered.byGrant, requestsCutOff: answered.cutOff, loadMsBeforeKill: answered.loadMs, restartMs, refreshAfterRestart: next.status })}`,
    );
  });
});
