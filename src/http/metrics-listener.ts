import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';

/** What the metrics listener serves: the exposition text and its content type. */
export type Scrape = () => Promise<{ readonly contentType: string; readonly body: string }>;

/** A running metrics listener. */
export interface MetricsListener {
  /** `http://host:port/metrics` as bound. */
  readonly url: string;
  close(): Promise<void>;
}

/** Path of the Prometheus exposition. */
export const METRICS_PATH = '/metrics';

/**
 * Starts the Prometheus listener: plain HTTP (`node:http`), apart from the two public listeners and their hooks, so
 * that scrapes neither need a certificate nor show up in the request metrics. `GET`/`HEAD /metrics` answer the
 * exposition text; anything else 404 or 405. Resolves undefined, after logging why, when the address cannot be bound:
 * obas serves tokens without its metrics rather than not at all (the scraper sees the target down).
 */
export async function startMetricsListener(host: string, port: number, scrape: Scrape, logger: Logger): Promise<MetricsListener | undefined> {
  const server = createServer((request, response) => {
    const path = (request.url ?? '').split('?', 1)[0];
    if (path !== METRICS_PATH) return void response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found\n');
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return void response.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' }).end('Method not allowed\n');
    }
    scrape().then(
      ({ contentType, body }) => response.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' }).end(request.method === 'HEAD' ? undefined : body),
      (error: unknown) => {
        logger.error({ detail: String(error) }, 'metrics scrape failed');
        response.writeHead(500, { 'content-type': 'text/plain' }).end('Scrape failed\n');
      },
    );
  });
  server.keepAliveTimeout = 65_000;
  const bound = await listen(server, host, port).catch((error: unknown) => {
    logger.error({ host, port, detail: String(error) }, 'metrics listener could not start; serving without metrics');
    return undefined;
  });
  if (bound === undefined) return undefined;
  return {
    url: `http://${bound.family === 'IPv6' ? `[${bound.address}]` : bound.address}:${bound.port}${METRICS_PATH}`,
    close: () =>
      new Promise<void>((closed) => {
        server.close(() => closed());
        server.closeAllConnections();
      }),
  };
}

function listen(server: Server, host: string, port: number): Promise<AddressInfo> {
  return new Promise((bound, failed) => {
    server.once('error', failed);
    server.listen(port, host, () => {
      server.off('error', failed);
      bound(server.address() as AddressInfo);
    });
  });
}
