import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenKey } from '../../src/tokens/token-key.js';
import { prepareDataDir, startTestObas, type TestObas } from '../support/obas-harness.js';
import { postForm, tppAgent } from '../support/tpp-client.js';
import { issueTppCertificates, tlsClient } from '../support/tpp-fixtures.js';

const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Seconds the access tokens of the test's obas live. */
const LIFETIME_SECONDS = 3;

/** A running obas whose access tokens live LIFETIME_SECONDS, sweeping every second with `retentionSeconds`. */
interface SweepingObas {
  readonly server: TestObas;
  readonly agent: Agent;
  /** Closes the test's own database connection. */
  close(): void;
  /** Issues a client_credentials token and resolves its storage key. */
  issue(): Promise<string>;
  /** Whether `access_tokens` holds that key, read through a connection of the test's own. */
  stored(tokenHash: string): boolean;
}

async function startSweepingObas(retentionSeconds: number): Promise<SweepingObas> {
  const { dataDir, pki } = await prepareDataDir();
  const certs = await issueTppCertificates(pki);
  const server = await startTestObas({
    dataDir,
    clients: [tlsClient('tpp', certs.main)],
    profile: { name: 'fapi2', lifetimes: { accessToken: LIFETIME_SECONDS } },
    extra: { housekeeping: { intervalSeconds: 1, retentionSeconds } },
  });
  const agent = tppAgent({ certPem: certs.main.certPem, keyPem: certs.main.keyPem, caPem: pki.caCertPem });
  const database = new BetterSqlite3(join(dataDir, 'obas.db'), { readonly: true, fileMustExist: true });
  const lookup = database.prepare('SELECT 1 FROM access_tokens WHERE token_hash = ?');
  return {
    server,
    agent,
    async issue() {
      const answer = await postForm(`${server.mtlsBaseUrl}/token`, agent, 'grant_type=client_credentials&client_id=tpp&scope=accounts');
      expect(answer.status).toBe(200);
      expect(answer.json['expires_in']).toBe(LIFETIME_SECONDS);
      return tokenKey(String(answer.json['access_token']));
    },
    stored: (tokenHash) => lookup.get(tokenHash) !== undefined,
    close: () => database.close(),
  };
}

describe('housekeeping (intervalSeconds, retentionSeconds)', () => {
  const running: SweepingObas[] = [];

  let noRetention: SweepingObas;
  let longRetention: SweepingObas;

  beforeAll(async () => {
    noRetention = await startSweepingObas(0);
    longRetention = await startSweepingObas(3_600);
    running.push(noRetention, longRetention);
  });

  afterAll(async () => {
    for (const obas of running) {
      obas.close();
      await obas.agent.close();
      await obas.server.close();
    }
  });

  it('deletes an expired access token within an interval once retention is over, and keeps one still retained', async () => {
    const gone = await noRetention.issue();
    expect(noRetention.stored(gone)).toBe(true);
    const kept = await longRetention.issue();
    expect(longRetention.stored(kept)).toBe(true);
    // Expiry plus at most two 1-second intervals (a sweep may start just before the token expired), with slack.
    const deadline = performance.now() + (LIFETIME_SECONDS + 5) * 1000;
    while (noRetention.stored(gone) && performance.now() < deadline) await pause(100);
    expect(noRetention.stored(gone)).toBe(false);
    // Same lifetime, same interval, swept as often: an hour's retention keeps it.
    expect(longRetention.stored(kept)).toBe(true);
  });
});
