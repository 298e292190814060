import Fastify, { LogController, type FastifyInstance, type HTTPMethods } from 'fastify';
import type { SecureContextOptions, Server as TlsServer, TlsOptions } from 'node:tls';
import type { Logger } from 'pino';
import type { ConnectionLimits, RateLimitGroup } from '../config/config.types.js';
import type { RequestLimits } from '../protocol/request-limits.js';
import type { Endpoint, ErrorPage } from '../protocol/endpoint.types.js';
import { OAuthError } from '../errors/oauth-error.js';
import type { ReasonCodeDialect } from '../errors/reason-catalogue.js';
import type { RequestMetrics } from '../metrics/obas-metrics.js';
import { registerBodyParsers } from './body-parsers.js';
import type { ClientCertificateSource } from './client-certificate-source.js';
import { guardConnections } from './connection-guard.js';
import { endpointHandler } from './endpoint-route.js';
import { renderError } from './error-renderer.js';
import { interactionIdFor } from './interaction-id.js';
import { LazyChildLogger } from './lazy-child-logger.js';
import { rateLimitHook, type RequestRateLimits } from './rate-limit-hook.js';
import { registerRequestMetrics } from './request-metrics.js';
import { requestLogFields } from './request-outcome.js';
import { shareTicketKeys } from './tls-session-tickets.js';
import type { ProxyTrust } from './trusted-proxies.js';

/** One route: a method and path served by a framework-free endpoint. */
export interface RouteDefinition {
  readonly method: HTTPMethods;
  readonly path: string;
  readonly endpoint: Endpoint;
  /** Errors of this route are rendered by this page instead of as JSON (routes a browser navigates to). */
  readonly errorPage?: ErrorPage;
  /** The rate-limit group the route belongs to (`rateLimits.groups`); none: not rate limited. */
  readonly rateLimit?: RateLimitGroup;
}

/** Everything one HTTPS listener needs. */
export interface ListenerOptions {
  readonly name: 'front-channel' | 'mtls';
  readonly tls: TlsOptions & SecureContextOptions;
  readonly limits: RequestLimits;
  readonly connections: ConnectionLimits;
  /** Trusted proxies: not capped per address; their `X-Forwarded-For` names the client address. */
  readonly isTrustedProxy: ProxyTrust;
  /** Rate limiting of the routes that name a group; none when rate limits are off. */
  readonly rateLimits?: RequestRateLimits;
  readonly dialect: ReasonCodeDialect;
  readonly logger: Logger;
  readonly routes: readonly RouteDefinition[];
  /** Present on the mTLS listener only. */
  readonly certificateSource?: ClientCertificateSource;
  /** Where the listener records its requests (`obas_http_*`); none when absent. */
  readonly metrics?: RequestMetrics;
}

/** What a route carries in its Fastify route config. */
interface RouteExtras {
  readonly errorPage?: ErrorPage;
}

/** Fastify's `requestTimeout`: a whole request, body included, must arrive within it. */
const REQUEST_TIMEOUT_MS = 30_000;

const ALL_METHODS: HTTPMethods[] = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'];

/**
 * Builds one HTTPS listener: body parsers with limits, `x-fapi-interaction-id` on every response and as the log key,
 * one log line per request, RFC 6749-style JSON errors (404 and 405 included) and the routes.
 */
export function createListener(options: ListenerOptions): FastifyInstance {
  const app = Fastify({
    https: { ...options.tls, ...serverTimeouts(options.connections) },
    loggerInstance: options.logger.child({ listener: options.name }),
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'interactionId' }),
    genReqId: (request) => interactionIdFor(request.headers['x-fapi-interaction-id']),
    childLoggerFactory: (logger, bindings, childOptions) => new LazyChildLogger(logger as Logger, bindings, childOptions),
    bodyLimit: options.limits.bodyBytes,
    keepAliveTimeout: 65_000,
    connectionTimeout: 30_000,
    requestTimeout: REQUEST_TIMEOUT_MS,
    return503OnClosing: true,
    routerOptions: { maxParamLength: 256, ignoreTrailingSlash: false },
  }) as unknown as FastifyInstance;

  shareTicketKeys(app.server as unknown as TlsServer, options.name);
  guardConnections(app.server, {
    limits: options.connections,
    isTrustedProxy: options.isTrustedProxy,
    onRefused: (reason) => options.metrics?.connectionsRefused.inc({ listener: options.name, reason }),
  });
  registerBodyParsers(app, options.limits);
  const countInFlight = options.metrics === undefined ? undefined : registerRequestMetrics(app, options.metrics, options.name);
  app.addHook('onRequest', (request, reply, done) => {
    countInFlight?.(reply);
    reply.header('x-fapi-interaction-id', request.id);
    done();
  });
  const audited = options.logger.isLevelEnabled('info');
  if (audited) {
    app.addHook('onResponse', async (request, reply) => {
      request.log.info(requestLogFields(request, reply.statusCode, reply.elapsedTime), 'request');
    });
  }
  app.setErrorHandler((error, request, reply) =>
    renderError(error, request, reply, options.dialect, (request.routeOptions.config as RouteExtras).errorPage),
  );
  app.setNotFoundHandler((request, reply) =>
    renderError(new OAuthError('not_found', 'No such endpoint', { reason: 'not_found' }), request, reply, options.dialect),
  );

  const methodsByPath = new Map<string, HTTPMethods[]>();
  const errorPageByPath = new Map<string, ErrorPage>();
  for (const route of options.routes) {
    app.route({
      method: route.method,
      url: route.path,
      handler: endpointHandler(route.endpoint, audited, options.certificateSource),
      ...(route.rateLimit === undefined || options.rateLimits === undefined ? {} : { preHandler: rateLimitHook(route.rateLimit, options.rateLimits) }),
      ...(route.errorPage === undefined ? {} : { config: { errorPage: route.errorPage } satisfies RouteExtras }),
    });
    methodsByPath.set(route.path, [...(methodsByPath.get(route.path) ?? []), route.method]);
    if (route.errorPage !== undefined) errorPageByPath.set(route.path, route.errorPage);
  }
  for (const [path, methods] of methodsByPath) registerMethodNotAllowed(app, path, methods, options.dialect, errorPageByPath.get(path));
  return app;
}

/** 405 with `Allow` for the other methods of a path, rendered like the path's own errors (its error page, if any). */
function registerMethodNotAllowed(app: FastifyInstance, path: string, allowed: HTTPMethods[], dialect: ReasonCodeDialect, errorPage?: ErrorPage): void {
  const others = ALL_METHODS.filter((method) => !allowed.includes(method) && !(method === 'HEAD' && allowed.includes('GET')));
  if (others.length === 0) return;
  const allow = allowed.join(', ');
  app.route({
    method: others,
    url: path,
    handler: (request, reply) =>
      renderError(
        new OAuthError('method_not_allowed', `Use ${allow}`, { reason: 'method_not_allowed', headers: { allow } }),
        request,
        reply,
        dialect,
        errorPage,
      ),
  });
}

/**
 * Node server options that bound a connection before it is served: the TLS handshake (`handshakeTimeout`, which also
 * covers a connection that never sends a ClientHello) and a request's headers (`headersTimeout`, checked every
 * `connectionsCheckingInterval`, so that interval is a fraction of it; Node's default checks every 30 s). Node answers
 * a request whose headers came too late with 408 and closes the connection.
 */
function serverTimeouts(connections: ConnectionLimits) {
  return {
    handshakeTimeout: connections.handshakeTimeoutMs,
    headersTimeout: connections.headersTimeoutMs,
    requestTimeout: REQUEST_TIMEOUT_MS,
    connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(connections.headersTimeoutMs / 4))),
  };
}
