import type { KeyStore } from '../tokens/key-store.js';
import type { Endpoint } from '../protocol/endpoint.types.js';

/** The server's public signing keys (RFC 7517 §5, RFC 8414 `jwks_uri`): public members, `kid`, `use`, `alg` only. */
export function createJwksEndpoint(keys: KeyStore): Endpoint {
  const headers = { 'content-type': 'application/jwk-set+json', 'cache-control': 'public, max-age=60' };
  return async (request) => ({ status: 200, headers, body: keys.publicJwksJson(request.now) });
}
