import type { AuthorizationContext } from '../authorization/authorization-context.js';
import { authorizationMetadata } from '../authorization/authorization-metadata.js';
import { createAuthorizationResponder } from '../authorization/authorization-response.js';
import { STAGE_PATHS } from '../authorization/interaction-session.js';
import { createPsuDirectory } from '../authorization/psu-directory.js';
import { createPsuLockout, knownUsernamesOf } from '../authorization/psu-lockout.js';
import { createRequestObjectVerifier } from '../authorization/request-object.js';
import type { ObasConfig, RateLimitGroup } from '../config/config.types.js';
import { createAuthorizationEndpoint } from '../endpoints/authorization.endpoint.js';
import { ENDPOINT_PATHS } from '../protocol/endpoint-paths.js';
import { type MetadataAddition } from '../protocol/metadata-addition.js';
import type { Endpoint } from '../protocol/endpoint.types.js';
import { createParEndpoint } from '../endpoints/par.endpoint.js';
import { createConsentEndpoint } from '../endpoints/psu-consent.endpoint.js';
import { createLoginEndpoint } from '../endpoints/psu-login.endpoint.js';
import { createSecondFactorEndpoint } from '../endpoints/psu-second-factor.endpoint.js';
import type { RouteDefinition } from '../http/listener.js';
import type { Storage } from '../storage/ports.js';
import type { KeyStore } from '../tokens/key-store.js';
import { createErrorPage } from '../ui/error.page.js';
import { LANGUAGES } from '../protocol/language.js';
import { STYLESHEET_PATH } from '../ui/page-layout.js';
import { stylesheetEndpoint } from '../ui/stylesheet.js';
import type { TokenService } from './token-service.js';

/** PSU authorization, wired: its routes on each listener and its discovery metadata. */
export interface AuthorizationService {
  readonly frontChannelRoutes: readonly RouteDefinition[];
  readonly mtlsRoutes: readonly RouteDefinition[];
  readonly metadata: MetadataAddition;
}

/**
 * Wires PSU authorization for a configuration: the authorization endpoint and PSU pages (login, second factor,
 * consent, each also under `/en` and `/fr`) on the front channel with HTML error pages; PAR on the mTLS listener,
 * authenticating clients as the token endpoint does.
 */
export function createAuthorizationService(config: ObasConfig, storage: Storage, keys: KeyStore, service: TokenService): AuthorizationService {
  const { profile } = config;
  const context: AuthorizationContext = {
    issuer: config.issuer,
    policy: { profile: profile.name, settings: profile.authorization },
    limits: config.limits,
    lifetimes: profile.lifetimes,
    storage,
    verifyRequestObject: createRequestObjectVerifier(config.issuer, service.clientKeys),
    responder: createAuthorizationResponder(
      { issuer: config.issuer, dialect: profile.reasonCodeDialect, signingAlg: profile.authorization.idTokenSigningAlg },
      keys,
    ),
    issueIdToken: service.issueIdToken,
    psus: createPsuDirectory(config.sandbox.psus),
    psuLockout: createPsuLockout(storage.psuLockouts, config.psuLockout, knownUsernamesOf(config.sandbox.psus)),
  };
  const errorPage = createErrorPage(profile.reasonCodeDialect);
  const page = (path: string, endpoint: Endpoint, postRateLimit?: RateLimitGroup): RouteDefinition[] =>
    (['GET', 'POST'] as const).flatMap((method) => {
      const common = { method, endpoint, errorPage, ...(method === 'POST' && postRateLimit !== undefined ? { rateLimit: postRateLimit } : {}) };
      return ['', ...LANGUAGES.map((language) => `/${language}`)].map((prefix) => ({ ...common, path: `${prefix}${path}` }));
    });
  const authorize = createAuthorizationEndpoint(context);
  return {
    frontChannelRoutes: [
      { method: 'GET', path: ENDPOINT_PATHS.authorization, endpoint: authorize, errorPage },
      { method: 'POST', path: ENDPOINT_PATHS.authorization, endpoint: authorize, errorPage },
      ...page(STAGE_PATHS.login, createLoginEndpoint(context), 'psu-login'),
      ...page(STAGE_PATHS['second-factor'], createSecondFactorEndpoint(context), 'psu-login'),
      ...page(STAGE_PATHS.consent, createConsentEndpoint(context)),
      { method: 'GET', path: STYLESHEET_PATH, endpoint: stylesheetEndpoint },
    ],
    mtlsRoutes: [
      { method: 'POST', path: ENDPOINT_PATHS.pushedAuthorizationRequest, endpoint: createParEndpoint(service.authenticateClient, context, { gate: service.dpop, url: `${config.mtlsBaseUrl}${ENDPOINT_PATHS.pushedAuthorizationRequest}` }), rateLimit: 'par' },
    ],
    metadata: authorizationMetadata({ issuer: config.issuer, mtlsBaseUrl: config.mtlsBaseUrl, settings: profile.authorization }),
  };
}
