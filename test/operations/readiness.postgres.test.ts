import { Agent, fetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestObas, type TestObas } from '../support/obas-harness.js';
import { createTestDatabase, postgresAvailable, type TestDatabase } from '../support/postgres.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';

/** `url` with its host and port replaced by the proxy's. */
function throughProxy(url: string, proxy: TcpProxy): string {
  const proxied = new URL(url);
  proxied.hostname = '127.0.0.1';
  proxied.port = String(proxy.port);
  return proxied.toString();
}

describe.skipIf(!postgresAvailable)('/readyz follows the database (PostgreSQL behind a TCP proxy)', () => {
  let db: TestDatabase | undefined;
  let proxy: TcpProxy;
  let server: TestObas;
  let agent: Agent;

  const readiness = async () => {
    const started = performance.now();
    const response = await fetch(`${server.issuer}/readyz`, { dispatcher: agent });
    return { status: response.status, body: (await response.json()) as unknown, ms: performance.now() - started, cacheControl: response.headers.get('cache-control') };
  };

  /** Polls readiness until the database check says `database` (the pool notices a broken or restored server on its next use). */
  const eventually = async (database: string) => {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const answer = await readiness();
      if ((answer.body as { checks: { database: string } }).checks.database === database || Date.now() > deadline) return answer;
      await new Promise((pause) => setTimeout(pause, 100));
    }
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    const url = new URL(db?.url ?? '');
    proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
    server = await startTestObas({ databaseUrl: throughProxy(db?.url ?? '', proxy), extra: { metrics: { enabled: false } } });
    agent = new Agent({ connect: { ca: server.pki.caCertPem } });
  });

  afterAll(async () => {
    await agent?.close();
    proxy?.resume();
    await server?.close();
    await proxy?.close();
    await db?.drop();
  });

  it('is 200 while the database answers, never cached', async () => {
    const answer = await readiness();
    expect(answer).toMatchObject({ status: 200, body: { status: 'ok', checks: { database: 'ok', keys: 'ok' } }, cacheControl: 'no-store' });
  });

  it('is 503 naming the database when connections are refused, and 200 again once it is back', async () => {
    proxy.stop('refuse');
    const down = await eventually('unreachable');
    expect(down).toMatchObject({ status: 503, body: { status: 'unavailable', checks: { database: 'unreachable', keys: 'ok' } } });
    proxy.resume();
    expect(await eventually('ok')).toMatchObject({ status: 200, body: { status: 'ok', checks: { database: 'ok', keys: 'ok' } } });
  });

  it('is 503 within its bound when the database accepts connections but never answers, and recovers', async () => {
    proxy.stop('stall');
    const down = await eventually('no answer within 1000 ms');
    expect(down).toMatchObject({ status: 503, body: { status: 'unavailable', checks: { database: 'no answer within 1000 ms', keys: 'ok' } } });
    expect(down.ms).toBeLessThan(2500);
    proxy.resume();
    expect(await eventually('ok')).toMatchObject({ status: 200 });
  });
});
