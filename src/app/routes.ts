import type { ObasConfig } from '../config/config.types.js';
import { SIGNING_ALGS } from '../protocol/signing-algorithms.js';
import { createDiscoveryEndpoint } from '../endpoints/discovery.endpoint.js';
import { ENDPOINT_PATHS } from '../protocol/endpoint-paths.js';
import { type MetadataAddition } from '../protocol/metadata-addition.js';
import { createIntrospectionEndpoint } from '../endpoints/introspection.endpoint.js';
import { introspectionJwtMetadata } from '../endpoints/introspection-response.js';
import { createConsentConsumptionEndpoint } from '../endpoints/consent-consumption.endpoint.js';
import type { ConsentLifecycle } from '../consent/consent-lifecycle.js';
import { createResourceServerIdentifier } from '../consent/resource-servers.js';
import { createJwksEndpoint } from '../endpoints/jwks.endpoint.js';
import { createRevocationEndpoint } from '../endpoints/revocation.endpoint.js';
import { createTokenEndpoint } from '../endpoints/token.endpoint.js';
import type { RouteDefinition } from '../http/listener.js';
import type { Storage } from '../storage/ports.js';
import { createIntrospectionJwtSigner } from '../tokens/introspection-jwt.js';
import type { KeyStore } from '../tokens/key-store.js';
import { dpopMetadata } from '../tokens/dpop-gate.js';
import type { TokenService } from './token-service.js';

/** Routes of the front channel (the issuer): discovery and JWKS. No client certificate is requested here. */
export function frontChannelRoutes(
  config: ObasConfig,
  keys: KeyStore,
  service: TokenService,
  additions: readonly MetadataAddition[] = [],
): RouteDefinition[] {
  const discovery = createDiscoveryEndpoint({
    issuer: config.issuer,
    mtlsBaseUrl: config.mtlsBaseUrl,
    authMethods: config.profile.allowedAuthMethods,
    grantTypes: service.grants.map((grant) => grant.grantType),
    signingAlgs: SIGNING_ALGS,
    additions: [...additions, introspectionJwtMetadata(config.profile.authorization.idTokenSigningAlg), dpopMetadata],
  });
  return [
    { method: 'GET', path: ENDPOINT_PATHS.openidConfiguration, endpoint: discovery },
    { method: 'GET', path: ENDPOINT_PATHS.authorizationServerMetadata, endpoint: discovery },
    { method: 'GET', path: ENDPOINT_PATHS.jwks, endpoint: createJwksEndpoint(keys) },
  ];
}

/** Routes of the mutual-TLS listener: token, revocation, introspection, and the resource servers' consent consumption. */
export function mtlsRoutes(config: ObasConfig, storage: Storage, service: TokenService, consents: ConsentLifecycle, keys: KeyStore): RouteDefinition[] {
  const identifyResourceServer = createResourceServerIdentifier(config.resourceServers);
  const signIntrospectionJwt = createIntrospectionJwtSigner({ issuer: config.issuer, alg: config.profile.authorization.idTokenSigningAlg }, keys);
  return [
    { method: 'POST', path: ENDPOINT_PATHS.token, endpoint: createTokenEndpoint(service.authenticateClient, service.grants, service.bindSender), rateLimit: 'token' },
    {
      method: 'POST',
      path: ENDPOINT_PATHS.revocation,
      endpoint: createRevocationEndpoint(service.authenticateClient, service.tokens, storage),
      rateLimit: 'revocation',
    },
    {
      method: 'POST',
      path: ENDPOINT_PATHS.introspection,
      endpoint: createIntrospectionEndpoint(service.authenticateClient, identifyResourceServer, service.tokens, storage.consents, config.issuer, signIntrospectionJwt),
      rateLimit: 'introspection',
    },
    {
      method: 'POST',
      path: ENDPOINT_PATHS.consentConsumption,
      endpoint: createConsentConsumptionEndpoint(identifyResourceServer, consents),
    },
  ];
}
