import type { FastifyInstance, FastifyReply } from 'fastify';
import type { RequestMetrics } from '../metrics/obas-metrics.js';

/** Counts a request in flight until its socket answered or gave up; for the listener's `onRequest` hook to call. */
export type CountInFlight = (reply: FastifyReply) => void;

/**
 * Records every request of one listener: in flight from `onRequest` until its socket answered or gave up (`close`
 * always fires, so aborted requests do not stay counted), then counted and timed by route pattern (`unmatched` for
 * 404s, so that scanners cannot grow the label set) and status. Registers the `onResponse` hook and returns the
 * in-flight step, which the listener runs in its one `onRequest` hook (each hook is a step Fastify runs per request).
 */
export function registerRequestMetrics(app: FastifyInstance, metrics: RequestMetrics, listener: string): CountInFlight {
  const inFlight = metrics.inFlight.series(listener, listener);
  // One function for every response ('close' fires once per response): nothing is allocated per request.
  const answered = (): void => inFlight.dec();
  // Bounded keys: routes are the listener's patterns, methods the few Node's parser accepts, statuses three digits.
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const { method } = request;
    const status = reply.statusCode;
    metrics.requests.series(`${listener} ${method} ${status} ${route}`, listener, method, route, status).inc();
    metrics.duration.series(`${listener} ${method} ${route}`, listener, method, route).observe(reply.elapsedTime / 1000);
    done();
  });
  return (reply) => {
    inFlight.inc();
    reply.raw.on('close', answered);
  };
}
