import type { FastifyInstance } from 'fastify';
import type { RequestMetrics } from '../metrics/obas-metrics.js';

/**
 * Records every request of one listener: in flight from `onRequest` until its socket answered or gave up (`close`
 * always fires, so aborted requests do not stay counted), then counted and timed by route pattern (`unmatched` for
 * 404s, so that scanners cannot grow the label set) and status.
 */
export function registerRequestMetrics(app: FastifyInstance, metrics: RequestMetrics, listener: string): void {
  const inFlight = metrics.inFlight.labels({ listener });
  // One function for every response ('close' fires once per response): nothing is allocated per request.
  const answered = (): void => inFlight.dec();
  app.addHook('onRequest', (_request, reply, done) => {
    inFlight.inc();
    reply.raw.on('close', answered);
    done();
  });
  // The labelled series of each (method, route, status), looked up once: prom-client hashes a label object on every
  // call. Bounded: routes are the listener's patterns, methods the few Node's parser accepts, statuses three digits.
  const series = new Map<string, { readonly requests: { inc(): void }; readonly duration: { observe(seconds: number): void } }>();
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const { method } = request;
    const status = reply.statusCode;
    const key = `${method} ${status} ${route}`;
    let labelled = series.get(key);
    if (labelled === undefined) {
      labelled = {
        requests: metrics.requests.labels({ listener, method, route, status: String(status) }),
        duration: metrics.duration.labels({ listener, method, route }),
      };
      series.set(key, labelled);
    }
    labelled.requests.inc();
    labelled.duration.observe(reply.elapsedTime / 1000);
    done();
  });
}
