import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createTcpServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCibaPinger, type CibaPingLog } from '../../src/authorization/ciba-ping.js';
import { createOutboundClient, type OutboundSettings } from '../../src/outbound/outbound-client.js';
import { prepareDataDir } from '../support/obas-harness.js';

/** One request a test server received. */
interface Received {
  readonly method: string | undefined;
  readonly path: string | undefined;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

const PING = { authReqId: 'auth-req-id-1b2c3d', clientNotificationToken: 'client-notification-token-8f7e' };
/**
 * The outbound timeout where the endpoint is reached: long enough that a loaded machine (the whole suite runs in
 * parallel) does not turn a slow answer into a timeout. A failure is answered at the timeout (the outbound client
 * gives every failure the same time), so each failing case waits it out.
 */
const ANSWERED_TIMEOUT_MS = 2_000;
/** The outbound timeout where nothing answers or nothing is sent. */
const SILENT_TIMEOUT_MS = 400;
/** How long the no-retry test watches for a second request. */
const RETRY_WATCH_MS = 800;

const listen = (server: Server, host = '127.0.0.1') => new Promise<number>((done) => server.listen(0, host, () => done((server.address() as AddressInfo).port)));
const closeServer = (server: Server) => new Promise((done) => server.close(done));

/** A log that keeps what it is told. */
function collectingLog(): CibaPingLog & { lines: { level: string; fields: Readonly<Record<string, unknown>>; message: string }[] } {
  const lines: { level: string; fields: Readonly<Record<string, unknown>>; message: string }[] = [];
  return {
    lines,
    info: (fields, message) => lines.push({ level: 'info', fields, message }),
    warn: (fields, message) => lines.push({ level: 'warn', fields, message }),
  };
}

describe('the CIBA ping callback (CIBA Core §10.2) through the outbound client', () => {
  let tls: { key: string; cert: string };
  let caPem: string;
  const servers: Server[] = [];
  const sockets: Socket[] = [];

  /** An https server on 127.0.0.1 answering with `answer`; resolves its base URL and what it received. */
  async function server(answer: (response: ServerResponse) => void): Promise<{ url: string; received: Received[] }> {
    const received: Received[] = [];
    const created = createHttpsServer(tls, (request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        received.push({ method: request.method, path: request.url, headers: request.headers, body });
        answer(response);
      });
    });
    created.on('connection', (socket: Socket) => sockets.push(socket));
    servers.push(created);
    return { url: `https://127.0.0.1:${await listen(created)}/cb/ciba?tenant=1`, received };
  }

  const outbound = (settings: Partial<OutboundSettings> = {}) =>
    createOutboundClient({ allow: ['127.0.0.1'], timeoutMs: ANSWERED_TIMEOUT_MS, maxBytes: 1024, extraCaPems: [caPem], ...settings });
  const ping = (endpoint: string, settings: Partial<OutboundSettings> = {}) => {
    const log = collectingLog();
    const sent = createCibaPinger(outbound(settings).postJson, log)({ clientId: 'tpp-1', endpoint, ping: PING });
    return { sent, log };
  };
  const neverLeaks = (log: ReturnType<typeof collectingLog>) => {
    const text = JSON.stringify(log.lines);
    expect(text).not.toContain(PING.clientNotificationToken);
    expect(text).not.toContain(PING.authReqId);
  };

  beforeAll(async () => {
    const { pki } = await prepareDataDir();
    tls = { key: pki.serverKeyPem, cert: pki.serverCertPem };
    caPem = pki.caCertPem;
  });

  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await Promise.all(servers.map(closeServer));
  });

  it('POSTs {"auth_req_id"} as JSON with the client notification token as Bearer credential; a 204 is delivery', async () => {
    const client = await server((response) => response.writeHead(204).end());
    const { sent, log } = ping(client.url);
    expect(await sent).toBe(true);
    expect(client.received).toHaveLength(1);
    const [request] = client.received;
    expect(request).toMatchObject({ method: 'POST', path: '/cb/ciba?tenant=1' });
    expect(request?.headers['authorization']).toBe(`Bearer ${PING.clientNotificationToken}`);
    expect(request?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request?.body ?? '')).toStrictEqual({ auth_req_id: PING.authReqId });
    expect(log.lines).toEqual([{ level: 'info', fields: { clientId: 'tpp-1', endpoint: client.url }, message: 'CIBA ping delivered' }]);
    neverLeaks(log);
  });

  it('accepts a 200 and ignores its body, however large', async () => {
    const client = await server((response) => response.writeHead(200, { 'content-type': 'text/plain' }).end('x'.repeat(64 * 1024)));
    expect(await ping(client.url).sent).toBe(true);
  });

  it('does not follow a redirect (§10.2): the ping fails and the target is never called', async () => {
    const target = await server((response) => response.writeHead(204).end());
    const redirecting = await server((response) => response.writeHead(307, { location: target.url }).end());
    const { sent, log } = ping(redirecting.url);
    expect(await sent).toBe(false);
    expect(target.received).toHaveLength(0);
    expect(log.lines).toMatchObject([{ level: 'warn', fields: { clientId: 'tpp-1', detail: 'HTTP 307 (redirects are not followed)' } }]);
    neverLeaks(log);
  });

  it('fails on an error status, sends once and never retries', async () => {
    const client = await server((response) => response.writeHead(503).end());
    const { sent, log } = ping(client.url);
    expect(await sent).toBe(false);
    expect(log.lines).toMatchObject([{ level: 'warn', fields: { detail: 'HTTP 503' }, message: 'CIBA ping failed; not retried, the client can still poll' }]);
    await new Promise((done) => setTimeout(done, RETRY_WATCH_MS));
    expect(client.received).toHaveLength(1);
  });

  it('refuses an endpoint the outbound policy forbids (loopback not allowed), or one that is not https, without connecting', async () => {
    const client = await server((response) => response.writeHead(204).end());
    const forbidden = ping(client.url, { allow: [], timeoutMs: SILENT_TIMEOUT_MS });
    expect(await forbidden.sent).toBe(false);
    expect(forbidden.log.lines[0]?.fields['detail']).toBe('127.0.0.1 is not a public address (loopback)');
    const plain = ping(client.url.replace('https:', 'http:'), { timeoutMs: SILENT_TIMEOUT_MS });
    expect(await plain.sent).toBe(false);
    expect(plain.log.lines[0]?.fields['detail']).toBe('not an https URL');
    expect(client.received).toHaveLength(0);
  });

  it('gives up on an unreachable or silent endpoint within the outbound timeout', async () => {
    const closed = createTcpServer();
    const closedPort = await listen(closed);
    await closeServer(closed);
    const silent = createTcpServer((socket) => sockets.push(socket));
    servers.push(silent);
    const silentPort = await listen(silent);
    for (const endpoint of [`https://127.0.0.1:${closedPort}/cb`, `https://127.0.0.1:${silentPort}/cb`]) {
      const started = performance.now();
      const { sent, log } = ping(endpoint, { timeoutMs: SILENT_TIMEOUT_MS });
      expect(await sent, endpoint).toBe(false);
      expect(performance.now() - started).toBeLessThan(SILENT_TIMEOUT_MS + 1_000);
      expect(log.lines).toMatchObject([{ level: 'warn', fields: { endpoint } }]);
    }
  });
});
