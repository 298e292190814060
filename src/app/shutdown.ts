import { performance } from 'node:perf_hooks';
import { drainListener, openConnections, type Listener } from '../http/drain-listener.js';
import type { MetricsListener } from '../http/metrics-listener.js';
import type { ObasMetrics } from '../metrics/obas-metrics.js';
import type { Storage } from '../storage/ports.js';
import type { KeyStore } from '../tokens/key-store.js';

/** How long requests in flight get to finish once shutdown starts; connections still busy then are cut. */
export const SHUTDOWN_GRACE_MS = 10_000;

/** What a shutdown drained, for its log line. */
export interface ShutdownReport {
  readonly durationMs: number;
  /** Requests in flight on both listeners when shutdown started. */
  readonly requestsInFlight: number;
  /** Connections open on both listeners when shutdown started. */
  readonly connections: number;
  /** Whether requests were still running at {@link SHUTDOWN_GRACE_MS} and their connections were cut. */
  readonly forced: boolean;
}

/** What a running obas holds, to let go of in order. */
export interface ShutdownParts {
  readonly listeners: readonly Listener[];
  readonly housekeeping: { stop(): void };
  readonly metricsListener: MetricsListener | undefined;
  readonly metrics: Pick<ObasMetrics, 'inFlight'>;
  readonly keys: Pick<KeyStore, 'close'>;
  readonly storage: Pick<Storage, 'close'>;
}

/**
 * Stops obas gracefully: housekeeping stops, both listeners stop accepting and drain their requests in flight (within
 * {@link SHUTDOWN_GRACE_MS}), then the metrics listener, the key store and the database close — the database last,
 * so that every request answered had its writes done.
 */
export async function shutDown(parts: ShutdownParts): Promise<ShutdownReport> {
  const started = performance.now();
  const requestsInFlight = (await parts.metrics.inFlight.gauge.get()).values.reduce((sum, { value }) => sum + value, 0);
  const connections = (await Promise.all(parts.listeners.map(openConnections))).reduce((sum, count) => sum + count, 0);
  parts.housekeeping.stop();
  const drained = await Promise.all(parts.listeners.map((listener) => drainListener(listener, SHUTDOWN_GRACE_MS).catch(() => ({ forced: true }))));
  await parts.metricsListener?.close();
  parts.keys.close();
  await parts.storage.close();
  return { durationMs: Math.round(performance.now() - started), requestsInFlight, connections, forced: drained.some((outcome) => outcome.forced) };
}
