import type { JWK } from 'jose';
import type { Endpoint } from '../protocol/endpoint.types.js';

/**
 * The sandbox directory's JWK Set (RFC 7517 §5): what a TPP or another server needs to verify software statements
 * from `obas ssa issue`, as it would fetch an ecosystem directory's keys.
 */
export function createSandboxDirectoryJwksEndpoint(publicJwk: JWK): Endpoint {
  const body = JSON.stringify({ keys: [publicJwk] });
  const headers = { 'content-type': 'application/jwk-set+json', 'cache-control': 'public, max-age=300' };
  return async () => ({ status: 200, headers, body });
}
