import { createServer, type Server } from 'node:net';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { startMetricsListener, type MetricsListener, type Scrape } from '../../src/http/metrics-listener.js';

/** A logger whose lines land in `lines`, parsed. */
function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  return { logger, lines };
}

const exposition: Scrape = async () => ({ contentType: 'text/plain; version=0.0.4; charset=utf-8', body: 'obas_up 1\n' });

/** Listening TCP servers of this thread, as Node counts its handles. */
const tcpServersOfThisThread = (): number => process.getActiveResourcesInfo().filter((resource) => resource === 'TCPServerWrap').length;

describe('the metrics listener', () => {
  const opened: MetricsListener[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((listener) => listener.close()));
  });

  async function start(scrape: Scrape, logger = capturingLogger().logger): Promise<MetricsListener> {
    const listener = await startMetricsListener('127.0.0.1', 0, scrape, logger);
    if (listener === undefined) throw new Error('the metrics listener did not start');
    opened.push(listener);
    return listener;
  }

  it('serves GET and HEAD /metrics from the scrape, and 404 or 405 for anything else', async () => {
    const listener = await start(exposition);
    expect(listener.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    const got = await fetch(listener.url);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(got.headers.get('cache-control')).toBe('no-store');
    expect(await got.text()).toBe('obas_up 1\n');
    const head = await fetch(listener.url, { method: 'HEAD' });
    expect([head.status, await head.text()]).toEqual([200, '']);
    expect((await fetch(`${listener.url}?name[]=obas_up`)).status).toBe(200);
    expect((await fetch(listener.url.replace('/metrics', '/other'))).status).toBe(404);
    const post = await fetch(listener.url, { method: 'POST' });
    expect([post.status, post.headers.get('allow')]).toEqual([405, 'GET, HEAD']);
  });

  it('answers 500 and logs the reason when the scrape fails', async () => {
    const { logger, lines } = capturingLogger();
    const listener = await start(async () => Promise.reject(new Error('registry broken')), logger);
    const answer = await fetch(listener.url);
    expect([answer.status, await answer.text()]).toEqual([500, 'Scrape failed\n']);
    expect(lines.filter((line) => line['msg'] === 'metrics scrape failed').map((line) => line['detail'])).toEqual(['Error: registry broken']);
  });

  it('handles its HTTP connections off the main thread, whose optimised HTTPS code a plain-TCP request would throw away', async () => {
    const before = tcpServersOfThisThread();
    const listener = await start(exposition);
    expect((await fetch(listener.url)).status).toBe(200);
    expect(tcpServersOfThisThread()).toBe(before);
  });

  it('serves without metrics, saying why, when its port is taken, and frees its port on close', async () => {
    const taken: Server = createServer();
    await new Promise<void>((listening) => taken.listen(0, '127.0.0.1', listening));
    const port = (taken.address() as { port: number }).port;
    const { logger, lines } = capturingLogger();
    try {
      expect(await startMetricsListener('127.0.0.1', port, exposition, logger)).toBeUndefined();
      expect(lines.find((line) => line['msg'] === 'metrics listener could not start; serving without metrics')?.['detail']).toMatch(/EADDRINUSE/);
    } finally {
      await new Promise((closed) => taken.close(closed));
    }
    const listener = await startMetricsListener('127.0.0.1', port, exposition, logger);
    expect(listener?.url).toBe(`http://127.0.0.1:${port}/metrics`);
    await listener?.close();
    await expect(fetch(`http://127.0.0.1:${port}/metrics`)).rejects.toThrow();
  });
});
