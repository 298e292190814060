import type { Logger } from 'pino';
import { SIGNING_ALGS } from '../protocol/signing-algorithms.js';
import { createLivenessEndpoint, createReadinessEndpoint, HEALTH_PATHS, type ReadinessCheck } from '../endpoints/health.endpoint.js';
import type { RouteDefinition } from '../http/listener.js';
import type { ObasMetrics } from '../metrics/obas-metrics.js';
import type { Storage } from '../storage/ports.js';
import type { StorageAvailabilityListener } from '../storage/storage-availability.js';
import { storageFault } from '../storage/storage-faults.js';
import type { KeyStore } from '../tokens/key-store.js';

/** How long readiness waits for the database's `SELECT 1`: under a load balancer's usual 1–2 s probe timeout. */
export const DATABASE_PING_TIMEOUT_MS = 1000;

/** What `/readyz` checks, by name. */
export interface ReadinessChecks {
  readonly database: ReadinessCheck;
  readonly keys: ReadinessCheck;
}

/**
 * The probes, served on the front channel (which never asks for a client certificate): `/healthz` (the process is
 * up) and `/readyz` (it can serve).
 */
export function healthRoutes(checks: ReadinessChecks): RouteDefinition[] {
  return [
    { method: 'GET', path: HEALTH_PATHS.liveness, endpoint: createLivenessEndpoint() },
    { method: 'GET', path: HEALTH_PATHS.readiness, endpoint: createReadinessEndpoint({ ...checks }) },
  ];
}

/** The public words of `/readyz` for a failed database ping: what kind of problem, never a host or a message. */
function databaseProblem(error: unknown): string {
  switch (storageFault(error)) {
    case 'timeout':
      return `no answer within ${DATABASE_PING_TIMEOUT_MS} ms`;
    case 'unreachable':
      return 'unreachable';
    case 'busy':
      return 'busy';
    case undefined:
      return 'failing';
  }
}

/**
 * What `/readyz` checks: the database answers `SELECT 1` within {@link DATABASE_PING_TIMEOUT_MS} (timed into
 * `obas_database_ping_duration_seconds`; every metrics scrape runs it too, so the database latency is sampled even
 * where nothing probes readiness), else it says why (`unreachable`, `no answer within 1000 ms`, `busy`, `failing`);
 * and a signing key is active for every algorithm obas signs with. Outages are logged by
 * {@link databaseAvailabilityLog}, not here.
 */
export function readinessChecks(storage: Pick<Storage, 'ping'>, keys: Pick<KeyStore, 'activeKey'>, metrics: ObasMetrics): ReadinessChecks {
  const database: ReadinessCheck = async () => {
    const stopTimer = metrics.databasePing.startTimer();
    try {
      await storage.ping(DATABASE_PING_TIMEOUT_MS);
      stopTimer({ outcome: 'ok' });
      return 'ok';
    } catch (error) {
      stopTimer({ outcome: 'failed' });
      return databaseProblem(error);
    }
  };
  const signingKeys: ReadinessCheck = async () => {
    const missing = SIGNING_ALGS.filter((alg) => {
      try {
        keys.activeKey(alg);
        return false;
      } catch {
        return true;
      }
    });
    return missing.length === 0 ? 'ok' : `no active signing key for ${missing.join(', ')}`;
  };
  return { database, keys: signingKeys };
}

/**
 * Logs the database's outages, whatever noticed them (requests, probes, housekeeping): one warning when it becomes
 * unavailable, with the first failure's detail, and one info line when it serves again, with the outage's length. The
 * requests answered 503 meanwhile have their own request lines only.
 */
export function databaseAvailabilityLog(logger: Logger): StorageAvailabilityListener {
  return {
    unavailable: (fault, detail) => logger.warn({ fault, detail }, 'database unavailable; answering 503 until it serves again'),
    available: (outageMs) => logger.info({ outageMs }, 'database available again'),
  };
}
