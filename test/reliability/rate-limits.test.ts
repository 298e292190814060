import type { Agent } from 'undici';
import { fetch as undiciFetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port.js';
import { startTestObas, type TestObas } from '../support/obas-harness.js';
import { createTestDatabase, postgresAvailable } from '../support/postgres.js';
import { csrfOf, PsuHttpClient } from '../support/psu-http.js';
import { redisAvailable, REDIS_URL, testRedisClient, uniqueKeyPrefix } from '../support/redis.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { postForm } from '../support/tpp-client.js';
import { tlsClient } from '../support/tpp-fixtures.js';
import { bucket, expectRateLimited, sleep, tokenRequest, tppSetUp, type TppSetUp } from './rate-limit-fixtures.js';

const OPEN = bucket(10_000, 10_000);

describe('rate limits in one process', () => {
  let obas: TestObas;
  let setUp: TppSetUp;

  beforeAll(async () => {
    setUp = await tppSetUp();
    obas = await startTestObas({
      dataDir: setUp.dataDir,
      clients: [tlsClient('rl-a', setUp.certs.main), tlsClient('rl-b', setUp.certs.other), tlsClient('rl-c', setUp.certs.san)],
      extra: {
        rateLimits: {
          groups: {
            token: { perClient: bucket(0.5, 3), perAddress: OPEN },
            registration: { perClient: bucket(0.05, 2), perAddress: OPEN },
            'client-configuration': { perClient: OPEN, perAddress: OPEN },
            'psu-login': { perAddress: bucket(0.05, 3) },
          },
        },
      },
    });
  });

  afterAll(async () => {
    await Promise.all(setUp?.agents.map((agent) => agent.close()) ?? []);
    await obas?.close();
  });

  it('answers the token endpoint 429 with Retry-After beyond the per-client limit, leaves other clients alone, and admits again after Retry-After', async () => {
    const a = setUp.agent('main');
    const b = setUp.agent('other');
    for (let i = 0; i < 3; i++) expect((await tokenRequest(obas.mtlsBaseUrl, a, 'rl-a')).status).toBe(200);
    const retryAfter = expectRateLimited(await tokenRequest(obas.mtlsBaseUrl, a, 'rl-a'));
    expect(retryAfter).toBeLessThanOrEqual(2);
    for (let i = 0; i < 3; i++) expect((await tokenRequest(obas.mtlsBaseUrl, b, 'rl-b')).status).toBe(200);
    await sleep(retryAfter * 1000);
    expect((await tokenRequest(obas.mtlsBaseUrl, a, 'rl-a')).status).toBe(200);
  });

  it("keeps a client's bucket to the holder of its certificate: a flood naming its client_id from another certificate exhausts only the flooder", async () => {
    const flooder = setUp.agent('other');
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await tokenRequest(obas.mtlsBaseUrl, flooder, 'rl-c')).status);
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    const owner = setUp.agent('san');
    for (let i = 0; i < 3; i++) expect((await tokenRequest(obas.mtlsBaseUrl, owner, 'rl-c')).status).toBe(200);
  });

  it('limits registrations per certificate, JSON 429 on the mTLS listener; another certificate and client configuration go on', async () => {
    const register = (agent: Agent) => postForm(`${obas.mtlsBaseUrl}/register`, agent, '{}', { 'content-type': 'application/json' });
    const tpp = setUp.agent('main');
    for (let i = 0; i < 2; i++) expect((await register(tpp)).status).toBe(400);
    expect(expectRateLimited(await register(tpp))).toBeGreaterThanOrEqual(10);
    expect((await register(setUp.agent('other'))).status).toBe(400);
    const configuration = await undiciFetch(`${obas.mtlsBaseUrl}/register/no-such-client`, { dispatcher: tpp });
    expect(configuration.status).not.toBe(429);
  });

  it('limits PSU sign-in posts per address across the authorization and dashboard pages, answering with the error page', async () => {
    const psu = new PsuHttpClient(obas.issuer, obas.pki.caCertPem);
    try {
      const start = await psu.get('/consents');
      expect(start.location).toBe('/consents/login');
      const login = await psu.get('/consents/login');
      for (let i = 0; i < 3; i++) {
        const wrong = await psu.post('/consents/login', { csrf: csrfOf(login), username: 'alice', password: 'wrong' });
        expect(wrong.status).not.toBe(429);
      }
      for (const path of ['/consents/login', '/fr/consents/login', '/login', '/sca']) {
        const limited = await psu.post(path, { csrf: csrfOf(login), username: 'alice', password: 'sandbox-alice' });
        expect(limited.status).toBe(429);
        expect(limited.headers.get('content-type')).toMatch(/^text\/html/);
        expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
        expect(limited.body).toContain('temporarily_unavailable');
      }
      expect((await psu.get('/consents/login')).status).toBe(200);
    } finally {
      await psu.close();
    }
  });
});

describe('switched off', () => {
  it('with rateLimits.enabled false, nothing is limited', async () => {
    const setUp = await tppSetUp();
    const obas = await startTestObas({
      dataDir: setUp.dataDir,
      clients: [tlsClient('rl-a', setUp.certs.main)],
      extra: { rateLimits: { enabled: false, preset: 'production', groups: { token: { perClient: bucket(0.01, 1) } } } },
    });
    try {
      const agent = setUp.agent('main');
      for (let i = 0; i < 5; i++) expect((await tokenRequest(obas.mtlsBaseUrl, agent, 'rl-a')).status).toBe(200);
    } finally {
      await Promise.all(setUp.agents.map((agent) => agent.close()));
      await obas.close();
    }
  });
});

describe.skipIf(!postgresAvailable)('rate limits in memory with PostgreSQL', () => {
  it('says at start that the limits hold per process', async () => {
    const db = await createTestDatabase();
    const logLines: string[] = [];
    const obas = await startTestObas({ ...(db === undefined ? {} : { databaseUrl: db.url }), logLines });
    try {
      const warnings = logLines.map((line) => JSON.parse(line) as { level: number; msg: string }).filter((line) => line.msg.startsWith('rate limits hold per process'));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]?.level).toBe(40);
    } finally {
      await obas.close();
      await db?.drop();
    }
  });
});

describe.skipIf(!redisAvailable)('rate limits shared through Redis', () => {
  describe('when Redis does not answer', () => {
    let proxy: TcpProxy;
    let obas: TestObas;
    let setUp: TppSetUp;
    const logLines: string[] = [];
    const keyPrefix = uniqueKeyPrefix();
    const logged = (message: string) => logLines.filter((line) => (JSON.parse(line) as { msg?: string }).msg?.startsWith(message));

    beforeAll(async () => {
      const redis = new URL(REDIS_URL);
      proxy = await startTcpProxy({ host: redis.hostname, port: Number(redis.port || 6379) });
      setUp = await tppSetUp();
      obas = await startTestObas({
        dataDir: setUp.dataDir,
        clients: [tlsClient('rl-a', setUp.certs.main), tlsClient('rl-b', setUp.certs.other)],
        logLines,
        extra: {
          rateLimits: { store: `redis://127.0.0.1:${proxy.port}`, keyPrefix, redisTimeoutMs: 100, groups: { token: { perClient: bucket(0.01, 3), perAddress: false } } },
        },
      });
    });

    afterAll(async () => {
      await Promise.all(setUp?.agents.map((agent) => agent.close()) ?? []);
      await obas?.close();
      await proxy?.close();
    });

    it('fails open to per-process limits within the Redis timeout, warns once, and shares again once Redis answers', async () => {
      const a = setUp.agent('main');
      expect((await tokenRequest(obas.mtlsBaseUrl, a, 'rl-a')).status).toBe(200);
      const redis = testRedisClient();
      try {
        expect(await redis.keys(`${keyPrefix}*`)).toHaveLength(1);
        proxy.stop('freeze');
        const started = Date.now();
        expect((await tokenRequest(obas.mtlsBaseUrl, a, 'rl-a')).status).toBe(200);
        expect(Date.now() - started).toBeLessThan(2_000);
        expect((await tokenRequest(obas.mtlsBaseUrl, a, 'rl-a')).status).toBe(200);
        expect((await tokenRequest(obas.mtlsBaseUrl, a, 'rl-a')).status).toBe(200);
        expectRateLimited(await tokenRequest(obas.mtlsBaseUrl, a, 'rl-a'));
        expect(logged('the rate limit Redis does not answer')).toHaveLength(1);

        proxy.resume();
        await sleep(1_500);
        expect((await tokenRequest(obas.mtlsBaseUrl, setUp.agent('other'), 'rl-b')).status).toBe(200);
        expect(logged('the rate limit Redis answers again')).toHaveLength(1);
        expect(await redis.keys(`${keyPrefix}*`)).toHaveLength(2);
      } finally {
        redis.disconnect();
      }
    });
  });

  it('starts, and limits per process, when the configured Redis is not there at all', async () => {
    const setUp = await tppSetUp();
    const logLines: string[] = [];
    const started = Date.now();
    const obas = await startTestObas({
      dataDir: setUp.dataDir,
      clients: [tlsClient('rl-a', setUp.certs.main)],
      logLines,
      extra: { rateLimits: { store: `redis://127.0.0.1:${await freePort()}`, groups: { token: { perClient: bucket(0.01, 2) } } } },
    });
    try {
      expect(Date.now() - started).toBeLessThan(15_000);
      const agent = setUp.agent('main');
      for (let i = 0; i < 2; i++) expect((await tokenRequest(obas.mtlsBaseUrl, agent, 'rl-a')).status).toBe(200);
      expectRateLimited(await tokenRequest(obas.mtlsBaseUrl, agent, 'rl-a'));
      expect(logLines.filter((line) => line.includes('the rate limit Redis does not answer'))).toHaveLength(1);
    } finally {
      await Promise.all(setUp.agents.map((agent) => agent.close()));
      await obas.close();
    }
  });
});
