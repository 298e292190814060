import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { fetch, type Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OAuthError } from '../../src/errors/oauth-error.js';
import { DATABASE_DEFAULTS } from '../../src/storage/database-settings.js';
import { guardStorage } from '../../src/app/guarded-storage.js';
import { openStorage } from '../../src/storage/open-storage.js';
import type { GrantRecord, Storage } from '../../src/storage/ports.js';
import { clientCredentialsToken, postAs, startAuthorizationFixture, type AuthorizationFixture } from '../authorization/authorization-fixture.js';
import { createTestDatabase, onPooledSession, postgresAvailable, sqliteTestFile, type TestDatabase } from '../support/postgres.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { createUkConsent } from '../support/uk-consent-client.js';

/** Each answer while the database is unavailable comes within this (defaults: 1 s connect, 1.5 s query timeout). */
const ANSWER_BOUND_MS = 2500;
/** How long obas may take to serve again once the database answers. */
const RECOVERY_BOUND_MS = 8000;

/** `url` with its host and port replaced by the proxy's. */
function throughProxy(url: string, proxy: TcpProxy): string {
  const proxied = new URL(url);
  proxied.hostname = '127.0.0.1';
  proxied.port = String(proxy.port);
  return proxied.toString();
}

const timed = async <T>(work: () => Promise<T>): Promise<T & { ms: number }> => {
  const started = performance.now();
  const result = await work();
  return { ...result, ms: performance.now() - started };
};

const pause = (ms: number) => new Promise((resume) => setTimeout(resume, ms));

/** The 503 every request gets while the database is unavailable, in time. */
function expectUnavailable(answer: { status: number; headers: Headers; json: Record<string, unknown>; ms: number }): void {
  expect(answer.status).toBe(503);
  expect(answer.json['error']).toBe('temporarily_unavailable');
  expect(Number(answer.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  expect(answer.ms).toBeLessThan(ANSWER_BOUND_MS);
}

describe.skipIf(!postgresAvailable)('PostgreSQL that stops answering, behind a TCP proxy: 503 with Retry-After, then recovery', () => {
  let db: TestDatabase | undefined;
  let proxy: TcpProxy;
  let fixture: AuthorizationFixture;
  const logLines: string[] = [];

  const token = () => timed(() => postAs(fixture, '/token', fixture.a, { grant_type: 'client_credentials', scope: 'accounts' }));
  const tokens = (count: number) => Promise.all(Array.from({ length: count }, token));
  const readiness = async (agent: Agent) => {
    const response = await fetch(`${fixture.server.issuer}/readyz`, { dispatcher: agent });
    return { status: response.status, body: (await response.json()) as { status: string; checks: Record<string, string> } };
  };
  const logged = (message: string) => logLines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((line) => line['msg'] === message);

  /** Polls token requests until one succeeds; resolves how long that took. */
  async function recovery(): Promise<number> {
    const started = performance.now();
    while (performance.now() - started < RECOVERY_BOUND_MS) {
      const answer = await token();
      if (answer.status === 200) return performance.now() - started;
      expect(answer.status).toBe(503);
      await pause(100);
    }
    throw new Error(`no token within ${RECOVERY_BOUND_MS} ms of the database answering again`);
  }

  /** Waits for the log line saying the database serves again (written on the first success after a quiet second). */
  async function recoveryLogged(count: number): Promise<void> {
    for (let tries = 0; tries < 40 && logged('database available again').length < count; tries += 1) {
      await token();
      await pause(100);
    }
    expect(logged('database available again')).toHaveLength(count);
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    const url = new URL(db?.url ?? '');
    proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
    fixture = await startAuthorizationFixture({ profile: 'uk-ob', databaseUrl: throughProxy(db?.url ?? '', proxy), logLines });
  });

  afterAll(async () => {
    proxy?.resume();
    await fixture?.close();
    await proxy?.close();
    await db?.drop();
  });

  it('answers 503 within the bound while frozen, on OAuth, UK consent and PSU routes, says why in /readyz, and recovers without a restart', async () => {
    expect((await tokens(8)).map((answer) => answer.status)).toEqual(Array(8).fill(200));
    const consentToken = await clientCredentialsToken(fixture, fixture.a, 'accounts');

    proxy.stop('freeze');
    for (const answer of await tokens(6)) expectUnavailable(answer);
    for (const answer of await tokens(6)) expectUnavailable(answer);

    const ready = await readiness(fixture.bare);
    expect(ready).toEqual({ status: 503, body: { status: 'unavailable', checks: { database: 'no answer within 1000 ms', keys: 'ok' } } });

    const consent = await timed(() => createUkConsent(fixture, fixture.a, 'account-access-consents', 'v3.1', undefined, { token: consentToken }));
    expect(consent.status).toBe(503);
    expect(consent.ms).toBeLessThan(ANSWER_BOUND_MS);
    expect(Number(consent.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(consent.json).toMatchObject({ Code: '503 ServiceUnavailable', Errors: [{ ErrorCode: 'UK.OBIE.UnexpectedError' }] });

    const page = await timed(() => fixture.psu.get(`/authorize?client_id=${fixture.a.clientId}&response_type=code`));
    expect(page.status).toBe(503);
    expect(page.ms).toBeLessThan(ANSWER_BOUND_MS);
    expect(Number(page.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.body).toContain('temporarily_unavailable');

    proxy.resume();
    expect(await recovery()).toBeLessThan(RECOVERY_BOUND_MS);
    expect((await tokens(12)).map((answer) => answer.status)).toEqual(Array(12).fill(200));
    expect((await readiness(fixture.bare)).status).toBe(200);

    await recoveryLogged(1);
    expect(logged('database unavailable; answering 503 until it serves again')).toHaveLength(1);
    expect(logged('request failed').filter((line) => line['error'] === 'temporarily_unavailable')).toEqual([]);
    const refused = logged('request').filter((line) => line['status'] === 503 && line['path'] !== '/readyz');
    expect(refused.length).toBeGreaterThanOrEqual(14);
    expect(refused.every((line) => line['reason'] === 'storage_unavailable' && String(line['detail']).startsWith('database timeout'))).toBe(true);
  }, 45_000);

  it('answers 503, not 500, while connections are refused or cut, and recovers', async () => {
    proxy.stop('refuse');
    for (const answer of await tokens(4)) {
      expectUnavailable(answer);
      expect(answer.json['error_description']).toMatch(/^U000 UK\.OBIE\.UnexpectedError: /);
    }
    expect((await readiness(fixture.bare)).body.checks['database']).toBe('unreachable');
    proxy.resume();
    expect(await recovery()).toBeLessThan(RECOVERY_BOUND_MS);
    await recoveryLogged(2);

    proxy.stop('stall');
    for (const answer of await tokens(4)) expectUnavailable(answer);
    proxy.resume();
    expect(await recovery()).toBeLessThan(RECOVERY_BOUND_MS);
    await recoveryLogged(3);
    expect(logged('database unavailable; answering 503 until it serves again')).toHaveLength(3);
  }, 30_000);

  it('answers 503 when a statement outlasts statement_timeout (a table locked by another session), and serves once it is released', async () => {
    const locker = new pg.Client({ connectionString: db?.url });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE access_tokens IN ACCESS EXCLUSIVE MODE');
      for (const answer of await tokens(3)) expectUnavailable(answer);
      expect((await readiness(fixture.bare)).status).toBe(200);
      await locker.query('ROLLBACK');
      expect(await recovery()).toBeLessThan(RECOVERY_BOUND_MS);
    } finally {
      await locker.end();
    }
    const timedOut = logged('request').filter((line) => line['status'] === 503).at(-1);
    expect(String(timedOut?.['detail'])).toMatch(/^database timeout: .*statement timeout/);
  }, 20_000);
});

describe.skipIf(!postgresAvailable)('A storage transaction whose connection stops answering for good (a pooler whose backend died)', () => {
  let db: TestDatabase | undefined;
  let proxy: TcpProxy;
  let storage: Storage;

  const grant = (): GrantRecord => {
    const now = new Date();
    return { grantId: randomUUID(), clientId: 'tpp-a', subject: 'psu-1', scope: 'openid accounts', accounts: [], authTime: now, createdAt: now, expiresAt: new Date(now.getTime() + 60_000) };
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    const url = new URL(db?.url ?? '');
    proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
    const opened = await openStorage({ databaseUrl: throughProxy(db?.url ?? '', proxy), sqliteFile: sqliteTestFile() });
    storage = guardStorage(opened, { retryAfterSeconds: 5, availability: { unavailable: () => undefined, available: () => undefined } });
  });

  afterAll(async () => {
    proxy?.resume();
    await storage?.close();
    await proxy?.close();
    await db?.drop();
  });

  it('rejects with the 503 within the bound (no rollback waited for), commits nothing, and never hands its connection out again', async () => {
    const lost = grant();
    const started = performance.now();
    const failure = await storage
      .withTransaction(async ({ grants }) => {
        await grants.insert(lost);
        proxy.stop('freeze');
        return grants.find(lost.grantId);
      })
      .catch((error: unknown) => error);
    expect(performance.now() - started).toBeLessThan(ANSWER_BOUND_MS);
    expect(failure).toBeInstanceOf(OAuthError);
    expect(failure).toMatchObject({ code: 'temporarily_unavailable', status: 503, reason: 'storage_unavailable', headers: { 'retry-after': '5' } });

    proxy.resume('stay-silent');
    const kept = Array.from({ length: 12 }, grant);
    await Promise.all(kept.map((record) => storage.withTransaction(({ grants }) => grants.insert(record))));
    expect(await Promise.all(kept.map((record) => storage.grants.find(record.grantId)))).toEqual(kept.map((record) => expect.objectContaining({ grantId: record.grantId })));
    expect(await storage.grants.find(lost.grantId)).toBeUndefined();
  }, 20_000);
});

describe.skipIf(!postgresAvailable)('The server-side timeouts of every pooled session', () => {
  let db: TestDatabase | undefined;

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(async () => {
    await db?.drop();
  });

  async function sessionTimeouts(bounded: boolean): Promise<unknown> {
    const settings = { ...DATABASE_DEFAULTS, statementTimeoutMs: 1200, idleInTransactionTimeoutMs: 7000 };
    return onPooledSession(
      { connectionString: db?.url ?? '', settings, bounded, applicationName: 'obas test' },
      "SELECT current_setting('statement_timeout') AS statement, current_setting('idle_in_transaction_session_timeout') AS idle",
    );
  }

  it('are set on request connections, and left to the server on migration connections', async () => {
    expect(await sessionTimeouts(true)).toEqual({ statement: '1200ms', idle: '7s' });
    expect(await sessionTimeouts(false)).toEqual({ statement: '0', idle: '0' });
  });
});
