import { rmSync } from 'node:fs';
import type { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHUTDOWN_GRACE_MS } from '../../src/app/shutdown.js';
import { freePort } from '../support/free-port.js';
import { prepareDataDir } from '../support/obas-harness.js';
import { spawnObas } from '../support/obas-process.js';
import { postForm, tppAgent } from '../support/tpp-client.js';
import { issueTppCertificates, tlsClient } from '../support/tpp-fixtures.js';
import { startLoggedObas, type LoggedObas } from './logged-obas.js';

const LOOPS = 8;
const TOKEN_REQUEST = 'grant_type=client_credentials&client_id=tpp&scope=accounts';

/** Posts token requests back to back until one is not answered 200 (refused, cut or 503); resolves the tokens it got. */
async function tokenLoop(url: string, agent: Agent): Promise<string[]> {
  const tokens: string[] = [];
  for (;;) {
    const answer = await postForm(url, agent, TOKEN_REQUEST).catch(() => undefined);
    if (answer?.status !== 200) return tokens;
    tokens.push(answer.json['access_token'] as string);
  }
}

describe('graceful shutdown of obas start (SQLite)', () => {
  let dataDir: string;
  let agent: Agent;
  let config: Record<string, unknown>;
  let mtlsUrl: string;

  beforeAll(async () => {
    const prepared = await prepareDataDir();
    dataDir = prepared.dataDir;
    const certs = await issueTppCertificates(prepared.pki);
    const [frontPort, mtlsPort] = [await freePort(), await freePort()];
    mtlsUrl = `https://localhost:${mtlsPort}`;
    config = {
      issuer: `https://localhost:${frontPort}`,
      dataDir,
      frontChannel: { host: '127.0.0.1', port: frontPort },
      mtls: { host: '127.0.0.1', port: mtlsPort, baseUrl: mtlsUrl },
      clients: [tlsClient('tpp', certs.main)],
      metrics: { port: 0 },
    };
    agent = tppAgent({ certPem: certs.main.certPem, keyPem: certs.main.keyPem, caPem: prepared.pki.caCertPem });
  });

  afterAll(async () => {
    await agent?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const shutdownLines = (obas: LoggedObas) => obas.logLines.filter((line) => line['msg'] === 'shutdown');

  it('on SIGTERM during a load of token requests, loses no token it answered and exits 0 within the bound', async () => {
    const obas = await startLoggedObas(dataDir, config);
    const loops = Array.from({ length: LOOPS }, () => tokenLoop(`${mtlsUrl}/token`, agent));
    await new Promise((pause) => setTimeout(pause, 1500));
    const signalled = performance.now();
    obas.child.kill('SIGTERM');
    const tokens = (await Promise.all(loops)).flat();
    const exit = await obas.exited;

    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.at - signalled).toBeLessThan(SHUTDOWN_GRACE_MS + 2000);
    expect(shutdownLines(obas)).toEqual([expect.objectContaining({ signal: 'SIGTERM', forced: false, durationMs: expect.any(Number) })]);
    expect(tokens.length).toBeGreaterThan(LOOPS);

    const restarted = await spawnObas(dataDir, 'restarted', config);
    try {
      const inactive: string[] = [];
      for (let i = 0; i < tokens.length; i += LOOPS) {
        const batch = tokens.slice(i, i + LOOPS);
        const answers = await Promise.all(batch.map((token) => postForm(`${mtlsUrl}/introspect`, agent, `client_id=tpp&token=${token}`)));
        answers.forEach((answer, index) => answer.json['active'] !== true && inactive.push(batch[index] as string));
      }
      expect(inactive).toEqual([]);
    } finally {
      await restarted.stop();
    }
  });

  it('on SIGINT, drains and exits 0 with one shutdown line', async () => {
    const obas = await startLoggedObas(dataDir, config);
    expect((await postForm(`${mtlsUrl}/token`, agent, TOKEN_REQUEST)).status).toBe(200);
    obas.child.kill('SIGINT');
    expect(await obas.exited).toMatchObject({ code: 0, signal: null });
    expect(shutdownLines(obas)).toEqual([expect.objectContaining({ signal: 'SIGINT', forced: false })]);
  });
});
