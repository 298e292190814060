import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { hotCounter, hotGauge, hotHistogram, type HotSeries, type SeriesCount, type SeriesHistogram } from './hot-series.js';
import { processMetricsRegistry } from './process-metrics.js';

/** Seconds: from a sub-millisecond discovery answer to a slow PostgreSQL round trip under load. */
const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/** Metrics as prom-client JSON (`Registry.getMetricsAsJSON`), the form `AggregatorRegistry.aggregate` sums. */
export type MetricsJson = Awaited<ReturnType<Registry['getMetricsAsJSON']>>;

/** The HTTP request metrics one listener records (`http/request-metrics.ts`). */
export interface RequestMetrics {
  /** `obas_http_requests_total{listener,method,route,status}` (a hot series: values in that order). */
  readonly requests: HotSeries<SeriesCount>;
  /** `obas_http_request_duration_seconds{listener,method,route}`: until the response was written (a hot series). */
  readonly duration: HotSeries<SeriesHistogram>;
  /** `obas_http_requests_in_flight{listener}`: received and not yet answered (or aborted); `gauge` reads it. */
  readonly inFlight: HotSeries<SeriesCount> & { readonly gauge: Gauge<'listener'> };
  /** `obas_rate_limited_total{route_group,scope}`: requests answered 429 by a rate limit, `scope` `client` or `address`. */
  readonly rateLimited: Counter<'route_group' | 'scope'>;
  /** `obas_connections_refused_total{listener,reason}`: connections closed on arrival, `per_address` or `max_total`. */
  readonly connectionsRefused: Counter<'listener' | 'reason'>;
}

/**
 * Every metric of one obas instance, in its own registry (never prom-client's global one, so that several servers in
 * one process keep their counts apart). Names follow the Prometheus conventions: `obas_` prefix, base units in the
 * name, `_total` on counters.
 */
export interface ObasMetrics extends RequestMetrics {
  readonly registry: Registry;
  /** `obas_tokens_issued_total{grant_type,token_type}`: access, refresh and ID tokens in successful token responses (a hot series). */
  readonly tokensIssued: HotSeries<SeriesCount>;
  /** `obas_client_authentication_failures_total{method,reason}`: `method` as presented (`tls` for both certificate methods). */
  readonly clientAuthenticationFailures: Counter<'method' | 'reason'>;
  /** `obas_consent_status_changes_total{status}`: consents entering `status` (`ended_by_time` for the sweep's). */
  readonly consentStatusChanges: Counter<'status'>;
  /** `obas_database_ping_duration_seconds{outcome}`: the readiness query, `ok` or `failed` (timeouts included). */
  readonly databasePing: Histogram<'outcome'>;
  /** The exposition text of this instance's metrics and the process's, with its content type. */
  scrape(): Promise<{ readonly contentType: string; readonly body: string }>;
  /** The same metrics as prom-client JSON: what a worker hands the primary to aggregate (`app/cluster-metrics.ts`). */
  scrapeJson(): Promise<MetricsJson>;
}

/** A fresh set of obas metrics in a registry of their own. */
export function createObasMetrics(): ObasMetrics {
  const registry = new Registry();
  const registers = [registry];
  const metrics = {
    registry,
    requests: hotCounter({
      name: 'obas_http_requests_total',
      help: 'HTTP requests answered, by listener, method, route pattern and status',
      labelNames: ['listener', 'method', 'route', 'status'] as const,
      registers,
    }),
    duration: hotHistogram({
      name: 'obas_http_request_duration_seconds',
      help: 'Time from receiving a request to writing its response, by listener, method and route pattern',
      labelNames: ['listener', 'method', 'route'] as const,
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    inFlight: hotGauge({
      name: 'obas_http_requests_in_flight',
      help: 'Requests received and not yet answered, by listener',
      labelNames: ['listener'] as const,
      registers,
    }),
    rateLimited: new Counter({
      name: 'obas_rate_limited_total',
      help: 'Requests refused with 429 by a rate limit, by route group and the scope whose bucket was full',
      labelNames: ['route_group', 'scope'] as const,
      registers,
    }),
    connectionsRefused: new Counter({
      name: 'obas_connections_refused_total',
      help: 'Connections closed on arrival, by listener and reason (per_address cap, max_total cap)',
      labelNames: ['listener', 'reason'] as const,
      registers,
    }),
    tokensIssued: hotCounter({
      name: 'obas_tokens_issued_total',
      help: 'Tokens issued by the token endpoint, by grant type and token type',
      labelNames: ['grant_type', 'token_type'] as const,
      registers,
    }),
    clientAuthenticationFailures: new Counter({
      name: 'obas_client_authentication_failures_total',
      help: 'Failed client authentications, by presented method and reason',
      labelNames: ['method', 'reason'] as const,
      registers,
    }),
    consentStatusChanges: new Counter({
      name: 'obas_consent_status_changes_total',
      help: 'Consents entering a status',
      labelNames: ['status'] as const,
      registers,
    }),
    databasePing: new Histogram({
      name: 'obas_database_ping_duration_seconds',
      help: 'Duration of the readiness query (SELECT 1), by outcome',
      labelNames: ['outcome'] as const,
      buckets: LATENCY_BUCKETS,
      registers,
    }),
  };
  // Merged once, at start: the process collectors are registered then rather than inside the first scrape (where
  // registering them held the event loop for about 10 ms under load).
  const exposed = Registry.merge([processMetricsRegistry(), registry]);
  return {
    ...metrics,
    async scrape() {
      return { contentType: exposed.contentType, body: await exposed.metrics() };
    },
    async scrapeJson() {
      return exposed.getMetricsAsJSON();
    },
  };
}
