import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createRemoteJwks as createRemoteJwksFetching, JwksUnavailableError, publicKeysOf, type RemoteJwksOptions } from '../../src/client-auth/remote-jwks.js';
import { createOutboundClient, type OutboundClient } from '../../src/outbound/outbound-client.js';
import { prepareDataDir } from '../support/obas-harness.js';
import { clientSigningKey } from '../support/tpp-fixtures.js';

const OPTIONS: RemoteJwksOptions = { cacheMs: 60_000, refreshCooldownMs: 60_000, staleMs: 60_000 };

describe('remote JWK Sets', () => {
  let server: Server;
  let hanging: TcpServer;
  const sockets: Socket[] = [];
  let base: string;
  let hangingUrl: string;
  let requests = 0;
  let answer: (response: ServerResponse) => void;
  let jwks: string;
  /**
   * Patient where the server answers, so that a loaded machine does not turn a slow answer into a timeout (a failure
   * is answered at the timeout, so each failing case waits it out); impatient where it never answers.
   */
  let outbound: OutboundClient;
  let impatient: OutboundClient;
  const createRemoteJwks = (options: RemoteJwksOptions, over: OutboundClient = outbound) => createRemoteJwksFetching(over.fetchText, options);

  beforeAll(async () => {
    const { pki } = await prepareDataDir();
    outbound = createOutboundClient({ allow: ['127.0.0.1'], timeoutMs: 2_000, maxBytes: 4096, extraCaPems: [pki.caCertPem] });
    impatient = createOutboundClient({ allow: ['127.0.0.1'], timeoutMs: 500, maxBytes: 4096, extraCaPems: [pki.caCertPem] });
    const key = await clientSigningKey('ES256', 'k1');
    jwks = JSON.stringify({ keys: [key.publicJwk] });
    server = createServer({ key: pki.serverKeyPem, cert: pki.serverCertPem }, (_request: IncomingMessage, response: ServerResponse) => {
      requests += 1;
      answer(response);
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    base = `https://127.0.0.1:${(server.address() as { port: number }).port}`;
    hanging = createTcpServer((socket) => sockets.push(socket));
    await new Promise<void>((done) => hanging.listen(0, '127.0.0.1', done));
    hangingUrl = `https://127.0.0.1:${(hanging.address() as { port: number }).port}/jwks`;
  });

  beforeEach(() => {
    requests = 0;
    answer = (response) => response.end(jwks);
  });

  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((done) => hanging.close(done));
    await new Promise((done) => server.close(done));
  });

  it('fetches once, then serves from the cache; concurrent callers share one request', async () => {
    const remote = createRemoteJwks(OPTIONS);
    const [a, b] = await Promise.all([remote.keys(`${base}/a`), remote.keys(`${base}/a`)]);
    expect(a).toBe(b);
    expect(a.map((key) => key.kid)).toEqual(['k1']);
    expect(await remote.keys(`${base}/a`)).toBe(a);
    expect(requests).toBe(1);
  });

  it('refreshes at once, then at most once per cooldown', async () => {
    const remote = createRemoteJwks({ ...OPTIONS, refreshCooldownMs: 1000 });
    await remote.keys(`${base}/b`);
    await remote.refresh(`${base}/b`);
    expect(requests).toBe(2);
    await remote.refresh(`${base}/b`);
    expect(requests).toBe(2);
    await delay(1100);
    await remote.refresh(`${base}/b`);
    expect(requests).toBe(3);
  });

  it('gives up on a server that never answers, within the timeout', async () => {
    const started = Date.now();
    await expect(createRemoteJwks(OPTIONS, impatient).keys(hangingUrl)).rejects.toThrow(JwksUnavailableError);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('refuses a document over the size limit, declared or streamed', async () => {
    const big = JSON.stringify({ keys: [], padding: 'x'.repeat(5000) });
    answer = (response) => response.end(big);
    await expect(createRemoteJwks(OPTIONS).keys(`${base}/declared`)).rejects.toThrow(/larger than 4096 bytes/);
    answer = (response) => {
      response.write(big.slice(0, 3000));
      response.end(big.slice(3000));
    };
    await expect(createRemoteJwks(OPTIONS).keys(`${base}/streamed`)).rejects.toThrow(/larger than 4096 bytes/);
  });

  it('refuses errors, non-JSON and sets without public keys', async () => {
    answer = (response) => response.writeHead(503).end();
    await expect(createRemoteJwks(OPTIONS).keys(`${base}/down`)).rejects.toThrow(/HTTP 503/);
    answer = (response) => response.end('<html>');
    await expect(createRemoteJwks(OPTIONS).keys(`${base}/html`)).rejects.toThrow(/not JSON/);
    answer = (response) => response.end(JSON.stringify({ keys: [{ kty: 'oct', k: 'c2VjcmV0' }] }));
    await expect(createRemoteJwks(OPTIONS).keys(`${base}/secret`)).rejects.toThrow(/no public keys/);
  });

  it('keeps serving a recent copy while the URL is down, and not beyond staleMs', async () => {
    const lenient = createRemoteJwks({ ...OPTIONS, cacheMs: 0, refreshCooldownMs: 0 });
    const strict = createRemoteJwks({ ...OPTIONS, cacheMs: 0, refreshCooldownMs: 0, staleMs: 0 });
    const first = await lenient.keys(`${base}/flaky`);
    await strict.keys(`${base}/flaky`);
    answer = (response) => response.writeHead(500).end();
    expect(await lenient.keys(`${base}/flaky`)).toBe(first);
    await expect(strict.keys(`${base}/flaky`)).rejects.toThrow(/HTTP 500/);
  });

  it('keeps public keys only', () => {
    const keys = publicKeysOf({ keys: [{ kty: 'EC', crv: 'P-256', x: 'x', y: 'y' }, { kty: 'RSA', n: 'n', e: 'e', d: 'd' }, 'junk'] });
    expect(keys).toEqual([{ kty: 'EC', crv: 'P-256', x: 'x', y: 'y' }]);
  });
});
