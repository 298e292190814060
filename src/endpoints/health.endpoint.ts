import type { Endpoint, EndpointResponse } from '../protocol/endpoint.types.js';

/** Paths of the probes, on the front channel. */
export const HEALTH_PATHS = { liveness: '/healthz', readiness: '/readyz' } as const;

/** One readiness check: resolves `ok`, or a short public description of what is wrong (never a host, URL or secret). */
export type ReadinessCheck = () => Promise<string>;

const PROBE_HEADERS = { 'content-type': 'application/json', 'cache-control': 'no-store' } as const;

const probeAnswer = (status: number, body: Record<string, unknown>): EndpointResponse => ({
  status,
  headers: PROBE_HEADERS,
  body: JSON.stringify(body),
});

/** Liveness: the process is up and its event loop answers. Always 200 `{"status":"ok"}`; never cached. */
export function createLivenessEndpoint(): Endpoint {
  return async () => probeAnswer(200, { status: 'ok' });
}

/**
 * Readiness: whether this process can serve, by running every check at once: 200 `{"status":"ok","checks":{…}}` when
 * each answered `ok`, otherwise 503 `{"status":"unavailable","checks":{…}}` naming what is wrong. Never cached. The
 * checks bound their own time, so the answer comes within the slowest check's bound.
 */
export function createReadinessEndpoint(checks: Readonly<Record<string, ReadinessCheck>>): Endpoint {
  const names = Object.keys(checks);
  return async () => {
    const results = await Promise.all(names.map((name) => checks[name]?.().catch(() => 'failed') ?? 'failed'));
    const report = Object.fromEntries(names.map((name, index) => [name, results[index]]));
    const ready = results.every((result) => result === 'ok');
    return probeAnswer(ready ? 200 : 503, { status: ready ? 'ok' : 'unavailable', checks: report });
  };
}
