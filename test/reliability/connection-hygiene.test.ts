import { connect as tcpConnect, type Socket } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestObas, type TestObas } from '../support/obas-harness.js';

const HANDSHAKE_TIMEOUT_MS = 1_000;
const HEADERS_TIMEOUT_MS = 1_000;
const MAX_PER_ADDRESS = 6;

/** Resolves with how long after `since` the socket closed, and everything it received. */
function closed(socket: Socket, since: number): Promise<{ afterMs: number; received: string }> {
  let received = '';
  socket.on('data', (chunk: Buffer) => {
    received += chunk.toString('latin1');
  });
  socket.on('error', () => undefined);
  return new Promise((done) => socket.once('close', () => done({ afterMs: Date.now() - since, received })));
}

function rawTcp(port: number): Promise<Socket> {
  return new Promise((done, fail) => {
    const socket = tcpConnect(port, '127.0.0.1', () => done(socket));
    socket.once('error', fail);
  });
}

function tlsSocket(port: number, caPem: string): Promise<TLSSocket> {
  return new Promise((done, fail) => {
    const socket = tlsConnect({ host: '127.0.0.1', port, servername: 'localhost', ca: caPem }, () => done(socket));
    socket.once('error', fail);
  });
}

/** Sends one keep-alive GET on an open TLS socket and resolves with the status line of its response. */
function getOn(socket: TLSSocket, path: string): Promise<string> {
  return new Promise((done, fail) => {
    let response = '';
    const onData = (chunk: Buffer) => {
      response += chunk.toString('latin1');
      const headerEnd = response.indexOf('\r\n\r\n');
      const length = Number(/content-length: (\d+)/i.exec(response)?.[1] ?? Number.NaN);
      if (headerEnd >= 0 && response.length >= headerEnd + 4 + length) {
        socket.off('data', onData);
        done(response.slice(0, response.indexOf('\r\n')));
      }
    };
    socket.on('data', onData);
    socket.once('close', () => fail(new Error(`closed before a response: ${response}`)));
    socket.write(`GET ${path} HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n`);
  });
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

describe('connection hygiene on both listeners', () => {
  let obas: TestObas;
  let ports: { front: number; mtls: number };

  beforeAll(async () => {
    obas = await startTestObas({
      extra: { connections: { handshakeTimeoutMs: HANDSHAKE_TIMEOUT_MS, headersTimeoutMs: HEADERS_TIMEOUT_MS, maxPerAddress: MAX_PER_ADDRESS } },
    });
    ports = { front: Number(new URL(obas.issuer).port), mtls: Number(new URL(obas.mtlsBaseUrl).port) };
  });

  afterAll(async () => {
    await obas?.close();
  });

  it.each(['front', 'mtls'] as const)('closes a %s connection that never sends a ClientHello after the handshake timeout', async (listener) => {
    const started = Date.now();
    const socket = await rawTcp(ports[listener]);
    const { afterMs, received } = await closed(socket, started);
    expect(received).toBe('');
    expect(afterMs).toBeGreaterThanOrEqual(HANDSHAKE_TIMEOUT_MS - 200);
    expect(afterMs).toBeLessThan(HANDSHAKE_TIMEOUT_MS + 4_000);
  });

  it('closes a connection whose headers dribble in after the headers timeout, serving nothing', async () => {
    const socket = await tlsSocket(ports.front, obas.pki.caCertPem);
    const started = Date.now();
    const ended = closed(socket, started);
    socket.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\n');
    const dribble = setInterval(() => socket.writable && socket.write(`x-slow-${Date.now()}: 1\r\n`), 200);
    const { afterMs, received } = await ended;
    clearInterval(dribble);
    expect(received).not.toMatch(/^HTTP\/1\.1 200/);
    expect(received === '' || received.startsWith('HTTP/1.1 408')).toBe(true);
    expect(afterMs).toBeGreaterThanOrEqual(HEADERS_TIMEOUT_MS - 200);
    expect(afterMs).toBeLessThan(HEADERS_TIMEOUT_MS + 4_000);
  });

  it('closes a TLS connection that never sends a request within the headers timeout', async () => {
    const socket = await tlsSocket(ports.front, obas.pki.caCertPem);
    const { afterMs, received } = await closed(socket, Date.now());
    expect(received === '' || received.startsWith('HTTP/1.1 408')).toBe(true);
    expect(afterMs).toBeLessThan(HEADERS_TIMEOUT_MS + 4_000);
  });

  it('keeps a keep-alive connection open between requests, longer than the headers timeout', async () => {
    const socket = await tlsSocket(ports.front, obas.pki.caCertPem);
    try {
      for (let i = 0; i < 5; i++) expect(await getOn(socket, '/healthz')).toBe('HTTP/1.1 200 OK');
      await sleep(HEADERS_TIMEOUT_MS * 2.5);
      expect(await getOn(socket, '/healthz')).toBe('HTTP/1.1 200 OK');
    } finally {
      socket.destroy();
    }
  });

  it.each(['front', 'mtls'] as const)(
    'closes %s connections beyond the per-address cap at once, while the first ones keep working',
    async (listener) => {
      const first = await Promise.all(Array.from({ length: MAX_PER_ADDRESS }, () => tlsSocket(ports[listener], obas.pki.caCertPem)));
      try {
        const extra = await Promise.all(Array.from({ length: 3 }, () => rawTcp(ports[listener])));
        const outcomes = await Promise.all(extra.map((socket) => closed(socket, Date.now())));
        for (const { afterMs, received } of outcomes) {
          expect(received).toBe('');
          expect(afterMs).toBeLessThan(HANDSHAKE_TIMEOUT_MS / 2);
        }
        const statuses = await Promise.all(first.map((socket) => getOn(socket, '/.well-known/oauth-authorization-server')));
        expect(new Set(statuses)).toEqual(new Set([listener === 'front' ? 'HTTP/1.1 200 OK' : 'HTTP/1.1 404 Not Found']));
      } finally {
        for (const socket of first) socket.destroy();
      }
      await sleep(100);
      const again = await tlsSocket(ports[listener], obas.pki.caCertPem);
      try {
        expect(await getOn(again, '/healthz')).toMatch(/^HTTP\/1\.1 (200|404)/);
      } finally {
        again.destroy();
      }
    },
  );
});

describe('connection caps behind a trusted proxy', () => {
  let obas: TestObas;

  beforeAll(async () => {
    obas = await startTestObas({ extra: { trustedProxies: ['127.0.0.1'], connections: { maxPerAddress: 2, maxTotal: 5 } } });
  });

  afterAll(async () => {
    await obas?.close();
  });

  it('does not cap a trusted proxy per address, and closes connections beyond maxTotal at once', async () => {
    const port = Number(new URL(obas.issuer).port);
    const first = await Promise.all(Array.from({ length: 5 }, () => tlsSocket(port, obas.pki.caCertPem)));
    try {
      const { afterMs, received } = await closed(await rawTcp(port), Date.now());
      expect(received).toBe('');
      expect(afterMs).toBeLessThan(1_000);
      const statuses = await Promise.all(first.map((socket) => getOn(socket, '/healthz')));
      expect(new Set(statuses)).toEqual(new Set(['HTTP/1.1 200 OK']));
    } finally {
      for (const socket of first) socket.destroy();
    }
  });
});
