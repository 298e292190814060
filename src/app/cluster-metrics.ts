import cluster, { type Worker } from 'node:cluster';
import { randomUUID } from 'node:crypto';
import { AggregatorRegistry } from 'prom-client';
import type { Scrape } from '../http/metrics-listener.js';
import type { MetricsJson } from '../metrics/obas-metrics.js';
import { isRecord } from '../shared/is-record.js';

const REQUEST = 'obas:metrics-request';
const RESPONSE = 'obas:metrics-response';

/** How long the primary waits for a worker's metrics; a worker that does not answer is left out of that scrape. */
const WORKER_SCRAPE_TIMEOUT_MS = 5_000;

/**
 * Worker side of `obas start --workers N`: answers the primary's scrape requests (over the cluster IPC channel) with
 * this worker's metrics as JSON, after `collect` has sampled what a scrape samples. Returns the way to stop answering.
 */
export function answerMetricsRequests(collect: () => Promise<MetricsJson>): () => void {
  const onMessage = (message: unknown): void => {
    if (!isRecord(message) || message['type'] !== REQUEST || typeof message['id'] !== 'string') return;
    const id = message['id'];
    collect().then(
      (metrics) => process.send?.({ type: RESPONSE, id, metrics }),
      (error: unknown) => process.send?.({ type: RESPONSE, id, error: String(error) }),
    );
  };
  process.on('message', onMessage);
  return () => process.off('message', onMessage);
}

/** One worker's metrics, or undefined when it failed or did not answer in time. */
function askWorker(worker: Worker, id: string): Promise<MetricsJson | undefined> {
  return new Promise((resolve) => {
    const done = (metrics: MetricsJson | undefined): void => {
      clearTimeout(timer);
      worker.off('message', onMessage);
      resolve(metrics);
    };
    const onMessage = (message: unknown): void => {
      if (!isRecord(message) || message['type'] !== RESPONSE || message['id'] !== id) return;
      done(Array.isArray(message['metrics']) ? (message['metrics'] as MetricsJson) : undefined);
    };
    const timer = setTimeout(() => done(undefined), WORKER_SCRAPE_TIMEOUT_MS);
    worker.on('message', onMessage);
    worker.send({ type: REQUEST, id }, (error: Error | null) => {
      if (error !== null) done(undefined);
    });
  });
}

/**
 * Primary side: a scrape that asks every connected worker for its metrics and aggregates them the prom-client way
 * (counters and histograms summed; process gauges per their aggregator), so one `/metrics` describes the whole server.
 */
export function clusterScrape(): Scrape {
  return async () => {
    const workers = Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => worker?.isConnected() === true);
    const id = randomUUID();
    const answers = await Promise.all(workers.map((worker) => askWorker(worker, id)));
    const registry = AggregatorRegistry.aggregate(answers.filter((metrics): metrics is MetricsJson => metrics !== undefined));
    return { contentType: registry.contentType, body: await registry.metrics() };
  };
}
