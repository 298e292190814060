import { readFile } from 'node:fs/promises';
import type { Logger } from 'pino';
import type { ObasConfig } from '../config/config.types.js';
import { createClientCertificateSource } from '../http/client-certificate-source.js';
import { createListener, type ListenerOptions, type RouteDefinition } from '../http/listener.js';
import { startMetricsListener } from '../http/metrics-listener.js';
import { createObasMetrics, type ObasMetrics } from '../metrics/obas-metrics.js';
import { frontChannelTls, mutualTls, type ServerCredentials } from '../http/tls-options.js';
import { createProxyTrust } from '../http/trusted-proxies.js';
import { createCertificateInspector } from '../pki/client-certificate-inspector.js';
import { ensureDevPki } from '../pki/dev-ca.js';
import { createOutboundClient } from '../outbound/outbound-client.js';
import { certificatesFromPem } from '../pki/trust-anchors.js';
import { retiredKeyPublishSeconds } from '../tokens/key-publish-window.js';
import { openKeyStore } from '../tokens/key-store.js';
import { answerMetricsRequests } from './cluster-metrics.js';
import { openConfiguredStorage } from './configured-storage.js';
import { guardStorage } from './guarded-storage.js';
import { createConsentApiRoutes } from './consent-api-routes.js';
import { countConsentChanges } from './consent-change-counter.js';
import { consentLifecycleFor } from './consent-lifecycle-for.js';
import { databaseAvailabilityLog, healthRoutes, readinessChecks, type ReadinessChecks } from './health-routes.js';
import { instrumentTokenService } from './instrumented-token-service.js';
import { shutDown, type ShutdownReport } from './shutdown.js';
import { startHousekeeping } from './housekeeping.js';
import { createAuthorizationService } from './authorization-service.js';
import { createDashboardRoutes } from './dashboard-routes.js';
import { createCibaService } from './ciba-service.js';
import { openRequestRateLimits } from './request-rate-limits.js';
import { createPortalRoutes } from './portal-routes.js';
import { createRegistrationService } from './registration-service.js';
import { frontChannelRoutes, mtlsRoutes } from './routes.js';
import { syncStaticClients } from './static-clients.js';
import { createTokenService } from './token-service.js';

/** A route as a listener serves it, without its endpoint: what docs/openapi.yaml documents. */
export interface ServedRoute {
  readonly listener: ListenerOptions['name'];
  readonly method: RouteDefinition['method'];
  /** Fastify syntax: `/register/:clientId`. */
  readonly path: string;
}

/** A running obas: the listening URLs, the routes it serves and a way to stop it. */
export interface RunningObas {
  /** Base URL of the front channel as bound (the configured port, or the one chosen when it was 0). */
  readonly frontChannelUrl: string;
  readonly mtlsUrl: string;
  readonly devCaCertificateFile: string;
  /** Every route of both listeners, as handed to them (the HEAD that Fastify adds to each GET aside). */
  readonly routes: readonly ServedRoute[];
  /** `http://…/metrics` of the Prometheus listener; absent when metrics are off or its address could not be bound. */
  readonly metricsUrl?: string;
  /** Stops gracefully: stops accepting, drains requests in flight (bounded), closes the database. */
  close(): Promise<ShutdownReport>;
}

/** How {@link startObas} runs beyond its configuration. */
export interface StartObasOptions {
  /**
   * `listener` (default): serve the metrics on the configured listener. `primary`: this process is a worker of
   * `obas start --workers N`; it answers the primary's scrapes instead, and the primary serves them all aggregated.
   */
  readonly metricsVia?: 'listener' | 'primary';
}

/**
 * Starts obas from a validated configuration: dev PKI and keys in the data directory, storage migrated, static
 * clients synchronised, both listeners up.
 */
export async function startObas(config: ObasConfig, logger: Logger, options: StartObasOptions = {}): Promise<RunningObas> {
  const devPki = await ensureDevPki(config.dataDir);
  const metrics = createObasMetrics();
  const storage = countConsentChanges(
    guardStorage(
      await openConfiguredStorage(config, {
        onCheckpointerFailure: (error) => logger.error({ detail: String(error) }, 'the WAL checkpoint thread failed; commits checkpoint the WAL themselves again'),
      }),
      {
        retryAfterSeconds: config.database.retryAfterSeconds,
        availability: databaseAvailabilityLog(logger),
      },
    ),
    metrics,
  );
  const keys = await openKeyStore({
    dataDir: config.dataDir,
    retiredKeyPublishSeconds: retiredKeyPublishSeconds(config.profile.lifetimes),
    onReloadError: (error: unknown) => logger.error({ detail: String(error) }, 'signing keys could not be reloaded; serving the previous set'),
  }).catch(async (error: unknown) => {
    await storage.close();
    throw error;
  });
  const proxyTrust = createProxyTrust(config.trustedProxies);
  const rateLimits = await openRequestRateLimits(config, proxyTrust, metrics, logger);
  try {
    await syncStaticClients(storage, config.clients, new Date());
    const anchorPems = await trustAnchorPems(config, devPki.caCertPem);
    const inspector = createCertificateInspector(anchorPems.flatMap(certificatesFromPem), { cacheSize: 10_000 });
    const outbound = createOutboundClient({ ...config.outbound, extraCaPems: config.trustDevCa ? [devPki.caCertPem] : [] });
    const service = instrumentTokenService(createTokenService(config, storage, keys, outbound.fetchText), metrics);
    const registration = await createRegistrationService(config, storage, service.grants.map((grant) => grant.grantType), outbound);
    const authorization = createAuthorizationService(config, storage, keys, service);
    const consents = consentLifecycleFor(config, storage);
    const ciba = createCibaService({ config, storage, keys, service, consents, outbound, logger });
    const common = {
      limits: config.limits,
      connections: config.connections,
      isTrustedProxy: proxyTrust,
      ...(rateLimits.forRequests === undefined ? {} : { rateLimits: rateLimits.forRequests }),
      dialect: config.profile.reasonCodeDialect,
      logger,
      metrics,
    };
    const readiness = readinessChecks(storage, keys, metrics);
    const routes: ListenerRoutes = {
      'front-channel': [
        ...frontChannelRoutes(config, keys, service, [authorization.metadata, ciba.metadata]),
        ...healthRoutes(readiness),
        ...registration.frontChannelRoutes,
        ...authorization.frontChannelRoutes,
        ...createDashboardRoutes(config, storage, consents),
        ...ciba.frontChannelRoutes,
        ...createPortalRoutes(config),
      ],
      mtls: [
        ...mtlsRoutes(config, storage, service, consents, keys),
        ...registration.mtlsRoutes,
        ...authorization.mtlsRoutes,
        ...ciba.mtlsRoutes,
        ...createConsentApiRoutes(config, { consents, tokens: service.tokens, dpop: service.dpop, clientKeys: service.clientKeys, keys, clients: storage.clients }),
      ],
    };
    const front = createListener({
      ...common,
      name: 'front-channel',
      tls: frontChannelTls(await serverCredentials(config.frontChannel, devPki)),
      routes: routes['front-channel'],
    });
    const mtls = createListener({
      ...common,
      name: 'mtls',
      tls: mutualTls(await serverCredentials(config.mtls, devPki), anchorPems),
      routes: routes.mtls,
      certificateSource: createClientCertificateSource(inspector, proxyTrust),
    });
    await front.listen({ host: config.frontChannel.host, port: config.frontChannel.port });
    await mtls.listen({ host: config.mtls.host, port: config.mtls.port }).catch(async (error: unknown) => {
      await front.close();
      throw error;
    });
    const housekeeping = startHousekeeping(storage, consents, logger, config.housekeeping, config.profile.lifetimes.accessToken);
    const viaPrimary = options.metricsVia === 'primary';
    const stopAnsweringScrapes = viaPrimary ? answerMetricsRequests(sampledScrapeJson(readiness, metrics)) : undefined;
    const metricsListener =
      config.metrics.enabled && !viaPrimary
        ? await startMetricsListener(config.metrics.host, config.metrics.port, sampledScrape(readiness, metrics), logger)
        : undefined;
    return {
      frontChannelUrl: listeningUrl(front.server.address()),
      mtlsUrl: listeningUrl(mtls.server.address()),
      devCaCertificateFile: devPki.caCertPath,
      routes: servedRoutes(routes),
      ...(metricsListener === undefined ? {} : { metricsUrl: metricsListener.url }),
      close: async () => {
        stopAnsweringScrapes?.();
        const report = await shutDown({ listeners: [front, mtls], housekeeping, metricsListener, metrics, keys, storage });
        await rateLimits.close();
        return report;
      },
    };
  } catch (error) {
    keys.close();
    await rateLimits.close();
    await storage.close();
    throw error;
  }
}

type ListenerRoutes = Readonly<Record<ListenerOptions['name'], readonly RouteDefinition[]>>;

function servedRoutes(routes: ListenerRoutes): ServedRoute[] {
  const listeners = Object.keys(routes) as ListenerOptions['name'][];
  return listeners.flatMap((listener) => routes[listener].map(({ method, path }) => ({ listener, method, path })));
}

async function trustAnchorPems(config: ObasConfig, devCaPem: string): Promise<string[]> {
  const configured = await Promise.all(config.trustAnchorFiles.map((file) => readFile(file, 'utf8')));
  return config.trustDevCa ? [devCaPem, ...configured] : configured;
}

async function serverCredentials(
  listener: ObasConfig['frontChannel'],
  devPki: { serverKeyPem: string; serverCertPem: string },
): Promise<ServerCredentials> {
  if (listener.tlsKeyFile === undefined || listener.tlsCertFile === undefined) {
    return { keyPem: devPki.serverKeyPem, certPem: devPki.serverCertPem };
  }
  const [keyPem, certPem] = await Promise.all([readFile(listener.tlsKeyFile, 'utf8'), readFile(listener.tlsCertFile, 'utf8')]);
  return { keyPem, certPem };
}

function listeningUrl(address: ReturnType<import('node:net').Server['address']>): string {
  if (address === null || typeof address === 'string') throw new Error('listener is not bound to a TCP port');
  return `https://localhost:${address.port}`;
}

/** {@link sampledScrape} as JSON, for the primary of `--workers N` to aggregate. */
function sampledScrapeJson(readiness: ReadinessChecks, metrics: ObasMetrics): () => ReturnType<ObasMetrics['scrapeJson']> {
  return async () => {
    await readiness.database();
    return metrics.scrapeJson();
  };
}

/** A scrape that first samples the database latency (the readiness query), then exposes every metric. */
function sampledScrape(readiness: ReadinessChecks, metrics: ObasMetrics): () => ReturnType<ObasMetrics['scrape']> {
  return async () => {
    await readiness.database();
    return metrics.scrape();
  };
}
