import type { FastifyInstance } from 'fastify';
import type { RequestMetrics } from '../metrics/obas-metrics.js';

/**
 * Records every request of one listener: in flight from `onRequest` until its socket answered or gave up (`close`
 * always fires, so aborted requests do not stay counted), then counted and timed by route pattern (`unmatched` for
 * 404s, so that scanners cannot grow the label set) and status.
 */
export function registerRequestMetrics(app: FastifyInstance, metrics: RequestMetrics, listener: string): void {
  const inFlight = metrics.inFlight.labels({ listener });
  app.addHook('onRequest', (_request, reply, done) => {
    inFlight.inc();
    reply.raw.once('close', () => inFlight.dec());
    done();
  });
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const { method } = request;
    metrics.requests.inc({ listener, method, route, status: String(reply.statusCode) });
    metrics.duration.observe({ listener, method, route }, reply.elapsedTime / 1000);
    done();
  });
}
