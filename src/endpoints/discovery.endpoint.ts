import type { ClientAuthMethod } from '../protocol/client-auth-methods.js';
import type { SigningAlg } from '../protocol/signing-algorithms.js';
import type { Endpoint } from '../protocol/endpoint.types.js';
import type { MetadataAddition } from '../protocol/metadata-addition.js';
import { ENDPOINT_PATHS } from '../protocol/endpoint-paths.js';

/** What discovery needs to know about the running server. */
export interface DiscoverySettings {
  readonly issuer: string;
  readonly mtlsBaseUrl: string;
  readonly authMethods: readonly ClientAuthMethod[];
  readonly grantTypes: readonly string[];
  readonly signingAlgs: readonly SigningAlg[];
  /** Metadata of further features (e.g. PSU authorization), merged in; their mTLS endpoints join the aliases. */
  readonly additions?: readonly MetadataAddition[];
}

/**
 * Authorization server metadata (RFC 8414 §2, OIDC Discovery §3, RFC 8705 §5). Lists only what this server
 * implements; mTLS endpoints are published both as the endpoints and under `mtls_endpoint_aliases`, since they are
 * only served on the mutual-TLS listener.
 */
export function authorizationServerMetadata(settings: DiscoverySettings): Record<string, unknown> {
  const mtls = (path: string) => `${settings.mtlsBaseUrl}${path}`;
  const authMethods = [...settings.authMethods];
  const signingAlgs = [...settings.signingAlgs];
  const additions = settings.additions ?? [];
  const base = {
    issuer: settings.issuer,
    token_endpoint: mtls(ENDPOINT_PATHS.token),
    revocation_endpoint: mtls(ENDPOINT_PATHS.revocation),
    introspection_endpoint: mtls(ENDPOINT_PATHS.introspection),
    registration_endpoint: mtls(ENDPOINT_PATHS.registration),
    jwks_uri: `${settings.issuer}${ENDPOINT_PATHS.jwks}`,
    response_types_supported: [],
    grant_types_supported: [...settings.grantTypes],
    token_endpoint_auth_methods_supported: authMethods,
    token_endpoint_auth_signing_alg_values_supported: signingAlgs,
    revocation_endpoint_auth_methods_supported: authMethods,
    revocation_endpoint_auth_signing_alg_values_supported: signingAlgs,
    introspection_endpoint_auth_methods_supported: authMethods,
    introspection_endpoint_auth_signing_alg_values_supported: signingAlgs,
    tls_client_certificate_bound_access_tokens: true,
    mtls_endpoint_aliases: {
      token_endpoint: mtls(ENDPOINT_PATHS.token),
      revocation_endpoint: mtls(ENDPOINT_PATHS.revocation),
      introspection_endpoint: mtls(ENDPOINT_PATHS.introspection),
      registration_endpoint: mtls(ENDPOINT_PATHS.registration),
    },
  };
  return Object.assign(base, ...additions.map((addition) => addition.metadata), {
    mtls_endpoint_aliases: Object.assign(base.mtls_endpoint_aliases, ...additions.map((addition) => addition.mtlsAliases ?? {})),
  });
}

/** Serves the metadata document, computed once. */
export function createDiscoveryEndpoint(settings: DiscoverySettings): Endpoint {
  const body = JSON.stringify(authorizationServerMetadata(settings));
  const headers = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'public, max-age=300' };
  return async () => ({ status: 200, headers, body });
}
