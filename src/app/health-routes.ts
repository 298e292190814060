import type { Logger } from 'pino';
import { SIGNING_ALGS } from '../config/config-values.js';
import { createLivenessEndpoint, createReadinessEndpoint, HEALTH_PATHS, type ReadinessCheck } from '../endpoints/health.endpoint.js';
import type { RouteDefinition } from '../http/listener.js';
import type { ObasMetrics } from '../metrics/obas-metrics.js';
import { TimeoutError } from '../shared/with-timeout.js';
import type { Storage } from '../storage/ports.js';
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

/**
 * What `/readyz` checks: the database answers `SELECT 1` within {@link DATABASE_PING_TIMEOUT_MS} (timed into
 * `obas_database_ping_duration_seconds`; every metrics scrape runs it too, so the database latency is sampled even
 * where nothing probes readiness), and a signing key is active for every algorithm obas signs with. The database's
 * failures are logged once when they start, with their detail, and once when they end.
 */
export function readinessChecks(storage: Pick<Storage, 'ping'>, keys: Pick<KeyStore, 'activeKey'>, metrics: ObasMetrics, logger: Logger): ReadinessChecks {
  let failing = false;
  const database: ReadinessCheck = async () => {
    const stopTimer = metrics.databasePing.startTimer();
    try {
      await storage.ping(DATABASE_PING_TIMEOUT_MS);
      stopTimer({ outcome: 'ok' });
      if (failing) logger.info('database answers again');
      failing = false;
      return 'ok';
    } catch (error) {
      stopTimer({ outcome: 'failed' });
      if (!failing) logger.warn({ detail: String(error) }, 'database does not answer; not ready');
      failing = true;
      return error instanceof TimeoutError ? `no answer within ${DATABASE_PING_TIMEOUT_MS} ms` : 'unreachable';
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
