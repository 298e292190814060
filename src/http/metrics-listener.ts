import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import { isRecord } from '../shared/is-record.js';

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

/** How long `close` waits for the thread to close its server before terminating it. */
const CLOSE_TIMEOUT_MS = 2_000;

/**
 * What the listener's thread runs: a plain `node:http` server that answers 404 and 405 itself and asks the main
 * thread (`scrape`, by id) for each exposition; `close` ends it.
 */
const THREAD_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createServer } = require('node:http');
const waiting = new Map();
let nextId = 0;
const server = createServer((request, response) => {
  const path = (request.url ?? '').split('?', 1)[0];
  if (path !== workerData.path) return void response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found\\n');
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return void response.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' }).end('Method not allowed\\n');
  }
  const id = nextId++;
  waiting.set(id, (answer) => {
    if (answer.failed) return void response.writeHead(500, { 'content-type': 'text/plain' }).end('Scrape failed\\n');
    response.writeHead(200, { 'content-type': answer.contentType, 'cache-control': 'no-store' }).end(request.method === 'HEAD' ? undefined : answer.body);
  });
  parentPort.postMessage({ type: 'scrape', id });
});
server.keepAliveTimeout = 65000;
server.once('error', (error) => parentPort.postMessage({ type: 'failed', detail: String(error) }));
server.listen(workerData.port, workerData.host, () => {
  const { address, family, port } = server.address();
  parentPort.postMessage({ type: 'listening', address, family, port });
});
parentPort.on('message', (message) => {
  if (message.type === 'scraped') {
    const answer = waiting.get(message.id);
    waiting.delete(message.id);
    answer?.(message);
  } else if (message.type === 'close') {
    server.close(() => parentPort.close());
    server.closeAllConnections();
  }
});
`;

/** The thread's first word: where it listens, or why it cannot. */
type StartOutcome = { readonly url: string } | { readonly failed: string };

function startOutcome(worker: Worker): Promise<StartOutcome> {
  return new Promise((resolve) => {
    const onMessage = (message: unknown): void => {
      if (!isRecord(message)) return;
      if (message['type'] === 'failed') settle({ failed: String(message['detail']) });
      if (message['type'] === 'listening') {
        const host = message['family'] === 'IPv6' ? `[${String(message['address'])}]` : String(message['address']);
        settle({ url: `http://${host}:${String(message['port'])}${METRICS_PATH}` });
      }
    };
    const onError = (error: Error): void => settle({ failed: String(error) });
    function settle(outcome: StartOutcome): void {
      worker.off('message', onMessage);
      worker.off('error', onError);
      resolve(outcome);
    }
    worker.on('message', onMessage);
    worker.once('error', onError);
  });
}

/**
 * Starts the Prometheus listener: plain HTTP (`node:http`), apart from the two public listeners and their hooks, so
 * that scrapes neither need a certificate nor show up in the request metrics. `GET`/`HEAD /metrics` answer the
 * exposition text; anything else 404 or 405. Resolves undefined, after logging why, when the address cannot be bound:
 * obas serves tokens without its metrics rather than not at all (the scraper sees the target down).
 *
 * The HTTP server runs in a worker thread, which asks this thread for each exposition: the main thread never handles a
 * plain-TCP HTTP request. When it did, every scrape made V8 throw away the machine code of Node's HTTP and stream
 * functions (optimised for the TLS sockets of the token endpoint; "wrong map" deoptimisations of `_http_server`,
 * `_http_outgoing`, `streams/readable` and `writable`), and the token endpoint ran unoptimised until they were
 * compiled again: at a fixed 5 500 req/s, three scrapes raised its 99th percentile from about 10 ms to 34–214 ms.
 */
export async function startMetricsListener(host: string, port: number, scrape: Scrape, logger: Logger): Promise<MetricsListener | undefined> {
  const worker = new Worker(THREAD_SOURCE, { eval: true, workerData: { host, port, path: METRICS_PATH } });
  worker.unref();
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  const started = await startOutcome(worker);
  if ('failed' in started) {
    logger.error({ host, port, detail: started.failed }, 'metrics listener could not start; serving without metrics');
    await worker.terminate();
    return undefined;
  }
  worker.on('error', (error) => logger.error({ detail: String(error) }, 'metrics listener failed; serving without metrics'));
  worker.on('message', (message: unknown) => {
    if (!isRecord(message) || message['type'] !== 'scrape') return;
    const id = message['id'];
    scrape().then(
      ({ contentType, body }) => worker.postMessage({ type: 'scraped', id, contentType, body }),
      (error: unknown) => {
        logger.error({ detail: String(error) }, 'metrics scrape failed');
        worker.postMessage({ type: 'scraped', id, failed: true });
      },
    );
  });
  return {
    url: started.url,
    async close() {
      worker.postMessage({ type: 'close' });
      const timer = setTimeout(() => void worker.terminate(), CLOSE_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}
