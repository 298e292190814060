import cluster, { type Worker } from 'node:cluster';
import type { Logger } from 'pino';
import type { ObasConfig } from '../config/config.types.js';
import { startMetricsListener, type MetricsListener } from '../http/metrics-listener.js';
import { distributeTicketSecrets, type TicketSecretDistributor } from '../http/tls-session-tickets.js';
import { isRecord } from '../shared/is-record.js';
import { clusterScrape } from './cluster-metrics.js';
import type { RunningObas } from './obas-app.js';
import { prepareObas } from './prepare-obas.js';
import { SHUTDOWN_GRACE_MS } from './shutdown.js';

const READY = 'obas:ready';
/** Environment variable telling a worker its slot (0…N-1); a replacement takes the slot of the worker it replaces. */
export const WORKER_SLOT_ENV = 'OBAS_WORKER_SLOT';
/** A worker still running this long after being asked to stop is killed. */
const STOP_TIMEOUT_MS = SHUTDOWN_GRACE_MS + 5_000;
const RESTART_DELAYS_MS = [500, 1_000, 2_000, 5_000, 10_000, 30_000];

/** Where the workers listen, as the first one reported it (they share the ports). */
export type WorkerEndpoints = Pick<RunningObas, 'frontChannelUrl' | 'mtlsUrl' | 'devCaCertificateFile'>;

/** `obas start --workers N` as seen from the primary process. */
export interface WorkerPool {
  readonly endpoints: WorkerEndpoints;
  readonly workers: number;
  /** `http://…/metrics` of the primary's Prometheus listener, which aggregates every worker. */
  readonly metricsUrl?: string;
  /** Asks every worker to stop gracefully and waits for them (killing those past the bound). */
  close(): Promise<{ readonly durationMs: number; readonly forced: boolean }>;
}

/** Tells the primary that this worker is serving, with where. Called by a worker once both listeners are up. */
export function reportWorkerReady(endpoints: WorkerEndpoints): void {
  process.send?.({ type: READY, ...endpoints });
}

function readyMessage(message: unknown): WorkerEndpoints | undefined {
  if (!isRecord(message) || message['type'] !== READY) return undefined;
  const { frontChannelUrl, mtlsUrl, devCaCertificateFile } = message;
  if (typeof frontChannelUrl !== 'string' || typeof mtlsUrl !== 'string' || typeof devCaCertificateFile !== 'string') return undefined;
  return { frontChannelUrl, mtlsUrl, devCaCertificateFile };
}

/** Forks the worker of `slot` and resolves with it once it reports ready; rejects if it exits first. */
function forkWorker(slot: number): Promise<{ worker: Worker; endpoints: WorkerEndpoints }> {
  const worker = cluster.fork({ [WORKER_SLOT_ENV]: String(slot) });
  return new Promise((resolve, reject) => {
    const onMessage = (message: unknown): void => {
      const endpoints = readyMessage(message);
      if (endpoints === undefined) return;
      worker.off('exit', onExit);
      worker.off('message', onMessage);
      resolve({ worker, endpoints });
    };
    const onExit = (code: number | null, signal: string | null): void => {
      worker.off('message', onMessage);
      reject(new Error(`worker ${slot} exited (${signal ?? `code ${code}`}) before it was serving; its log says why`));
    };
    worker.on('message', onMessage);
    worker.once('exit', onExit);
  });
}

function stopWorker(worker: Worker): Promise<boolean> {
  if (worker.isDead()) return Promise.resolve(false);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      worker.process.kill('SIGKILL');
      resolve(true);
    }, STOP_TIMEOUT_MS);
    worker.once('exit', () => {
      clearTimeout(timer);
      resolve(false);
    });
    worker.process.kill('SIGTERM');
  });
}

/**
 * Gives every worker the same TLS session ticket secret, so that a session resumed on any worker was issued by any
 * other: each worker gets the current secret when it reports ready (a replacement too), all of them every rotation.
 * Returns the way to stop.
 */
function shareTicketSecret(): () => void {
  const connected = () => Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => worker?.isConnected() === true);
  const tickets: TicketSecretDistributor = distributeTicketSecrets((message) => connected().forEach((worker) => worker.send(message)));
  const handOver = (worker: Worker, message: unknown): void => {
    if (readyMessage(message) !== undefined && worker.isConnected()) worker.send(tickets.message());
  };
  cluster.on('message', handOver);
  return () => {
    tickets.stop();
    cluster.off('message', handOver);
  };
}

/** Stops every worker this primary has, replacements still starting included; resolves whether any had to be killed. */
async function stopAll(): Promise<boolean[]> {
  const workers = Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => worker !== undefined);
  return Promise.all(workers.map(stopWorker));
}

/**
 * Runs obas as `count` worker processes sharing both listeners (node:cluster: the primary accepts connections and
 * hands them to the workers in turn) and the database. The primary prepares the data directory and the database once,
 * serves the aggregated Prometheus metrics, replaces a worker that dies (after a growing delay) and stops them all on
 * `close`. Nothing that must be shared lives in one worker's memory: single-use values, rotations and consents are in
 * the database; caches are short-lived (see DESIGN.md "Storage"); in-memory rate limits are per worker; the TLS session
 * ticket secret is the primary's, handed to every worker over IPC.
 */
export async function startWorkerPool(config: ObasConfig, count: number, logger: Logger): Promise<WorkerPool> {
  await prepareObas(config);
  const stopSharingTicketSecret = shareTicketSecret();
  let stopping = false;
  let failures = 0;

  const watch = (slot: number, worker: Worker): void => {
    worker.once('exit', (code, signal) => {
      if (stopping) return;
      const delayMs = RESTART_DELAYS_MS[Math.min(failures, RESTART_DELAYS_MS.length - 1)] ?? 30_000;
      failures += 1;
      logger.error({ worker: slot, code, signal, restartInMs: delayMs }, 'worker exited; starting a replacement');
      setTimeout(() => {
        if (stopping) return;
        forkWorker(slot).then(
          ({ worker: replacement }) => {
            failures = 0;
            watch(slot, replacement);
          },
          (error: unknown) => {
            if (!stopping) logger.error({ worker: slot, detail: String(error) }, 'replacement worker failed to start');
          },
        );
      }, delayMs).unref();
    });
  };

  const started = await Promise.allSettled(Array.from({ length: count }, (_, slot) => forkWorker(slot)));
  const failed = started.find((result) => result.status === 'rejected');
  if (failed !== undefined) {
    stopping = true;
    stopSharingTicketSecret();
    await stopAll();
    throw failed.reason;
  }
  const ready = started.map((result) => (result as PromiseFulfilledResult<{ worker: Worker; endpoints: WorkerEndpoints }>).value);
  ready.forEach(({ worker }, slot) => watch(slot, worker));
  const metricsListener: MetricsListener | undefined = config.metrics.enabled
    ? await startMetricsListener(config.metrics.host, config.metrics.port, clusterScrape(), logger)
    : undefined;
  return {
    endpoints: (ready[0] as { endpoints: WorkerEndpoints }).endpoints,
    workers: count,
    ...(metricsListener === undefined ? {} : { metricsUrl: metricsListener.url }),
    async close() {
      const begun = Date.now();
      stopping = true;
      stopSharingTicketSecret();
      const forced = await stopAll();
      await metricsListener?.close();
      return { durationMs: Date.now() - begun, forced: forced.some(Boolean) };
    },
  };
}
