import { createRemoteJwks } from '../client-auth/remote-jwks.js';
import type { ObasConfig } from '../config/config.types.js';
import { createClientConfigurationEndpoint } from '../endpoints/client-configuration.endpoint.js';
import { ENDPOINT_PATHS } from '../protocol/endpoint-paths.js';
import { createRegistrationEndpoint } from '../endpoints/registration.endpoint.js';
import { createSandboxDirectoryJwksEndpoint } from '../endpoints/sandbox-directory-jwks.endpoint.js';
import type { RouteDefinition } from '../http/listener.js';
import type { OutboundClient } from '../outbound/outbound-client.js';
import { createClientConfigurationAccess } from '../registration/client-configuration-access.js';
import { createDirectoryTrust } from '../registration/directory-trust.js';
import type { RegistrationPolicy } from '../registration/registration-decision.js';
import { createRegistrationRequestReader } from '../registration/registration-request.js';
import { openSandboxDirectory, SANDBOX_DIRECTORY_JWKS_PATH } from '../registration/sandbox-directory.js';
import { createSoftwareStatementVerifier } from '../registration/software-statement.js';
import type { Storage } from '../storage/ports.js';
import { createTokenLookup } from '../tokens/token-lookup.js';

/** Dynamic client registration, wired: its routes on each listener and who it trusts. */
export interface RegistrationService {
  readonly mtlsRoutes: readonly RouteDefinition[];
  readonly frontChannelRoutes: readonly RouteDefinition[];
  /** Issuers whose software statements are accepted (for the start-up summary). */
  readonly trustedIssuers: readonly string[];
}

/** Directory and software JWKS caching: 5 min, refetched at most every 30 s, stale for 1 h (the fetch is `outbound`'s). */
const REMOTE_JWKS = { cacheMs: 300_000, refreshCooldownMs: 30_000, staleMs: 3_600_000 };

/**
 * Wires registration (RFC 7591) and client configuration (RFC 7592) for a configuration: the directory trust (the
 * configured JWK Set and, in a sandbox, the built-in directory whose JWKS the front channel serves), the request
 * format and policy of the profile, and the grant types of the running server.
 */
export async function createRegistrationService(
  config: ObasConfig,
  storage: Storage,
  grantTypes: readonly string[],
  outbound: OutboundClient,
): Promise<RegistrationService> {
  const remote = createRemoteJwks(outbound.fetchText, REMOTE_JWKS);
  const sandbox = config.directory.sandbox ? await openSandboxDirectory(config.dataDir) : undefined;
  const trust = await createDirectoryTrust(config.directory, sandbox, remote);
  const { profile } = config;
  const settings = profile.registration;
  const policy: RegistrationPolicy = {
    settings,
    metadata: { allowedAuthMethods: profile.allowedAuthMethods, alwaysBindTokens: profile.alwaysBindTokens, supportedGrantTypes: grantTypes },
  };
  const readRequest = createRegistrationRequestReader(
    { issuer: config.issuer, format: settings.requestFormat, softwareStatement: settings.softwareStatement },
    createSoftwareStatementVerifier(trust, outbound.screen),
    remote,
    outbound.screen,
  );
  const dependencies = {
    policy,
    readRequest,
    clients: storage.clients,
    replayCache: storage.replayCache,
    registrationClientUri: (clientId: string) => `${config.mtlsBaseUrl}${ENDPOINT_PATHS.registration}/${encodeURIComponent(clientId)}`,
  };
  const configuration = createClientConfigurationEndpoint({
    ...dependencies,
    authorise: createClientConfigurationAccess(storage.clients, createTokenLookup(storage), settings.managementWithAccessToken),
    holdings: storage,
  });
  const configurationPath = `${ENDPOINT_PATHS.registration}/:clientId`;
  return {
    mtlsRoutes: [
      { method: 'POST', path: ENDPOINT_PATHS.registration, endpoint: createRegistrationEndpoint(dependencies), rateLimit: 'registration' },
      { method: 'GET', path: configurationPath, endpoint: configuration, rateLimit: 'client-configuration' },
      { method: 'PUT', path: configurationPath, endpoint: configuration, rateLimit: 'client-configuration' },
      { method: 'DELETE', path: configurationPath, endpoint: configuration, rateLimit: 'client-configuration' },
    ],
    frontChannelRoutes:
      sandbox === undefined
        ? []
        : [{ method: 'GET', path: SANDBOX_DIRECTORY_JWKS_PATH, endpoint: createSandboxDirectoryJwksEndpoint(sandbox.publicJwk) }],
    trustedIssuers: trust.issuers,
  };
}
