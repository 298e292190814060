import type { FastifyInstance } from 'fastify';
import type { RequestMetrics } from '../metrics/obas-metrics.js';

/**
 * Records every request of one listener: in flight from `onRequest` until its socket answered or gave up (`close`
 * always fires, so aborted requests do not stay counted), then counted and timed by route pattern (`unmatched` for
 * 404s, so that scanners cannot grow the label set) and status.
 */
export function registerRequestMetrics(app: FastifyInstance, metrics: RequestMetrics, listener: string): void {
  const inFlight = metrics.inFlight.series(listener, listener);
  // One function for every response ('close' fires once per response): nothing is allocated per request.
  const answered = (): void => inFlight.dec();
  app.addHook('onRequest', (_request, reply, done) => {
    inFlight.inc();
    reply.raw.on('close', answered);
    done();
  });
  // Bounded keys: routes are the listener's patterns, methods the few Node's parser accepts, statuses three digits.
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const { method } = request;
    const status = reply.statusCode;
    metrics.requests.series(`${listener} ${method} ${status} ${route}`, listener, method, route, status).inc();
    metrics.duration.series(`${listener} ${method} ${route}`, listener, method, route).observe(reply.elapsedTime / 1000);
    done();
  });
}
