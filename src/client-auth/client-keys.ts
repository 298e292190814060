import { createLocalJWKSet, errors, type JWK, type JWTVerifyGetKey } from 'jose';
import { invalidClient } from '../errors/error-factories.js';
import type { OutboundFetch } from '../outbound/outbound-client.js';
import type { Client } from '../clients/client.js';
import { acceptableKeysOf, createRemoteJwks, JwksUnavailableError, type RemoteJwksOptions } from './remote-jwks.js';

/** The public keys a client registered (RFC 7591 §2 `jwks` / `jwks_uri`). */
export interface ClientKeys {
  /**
   * The client's public JWKs; `invalid_client` when it has none or `jwks_uri` cannot be fetched. With `refresh`, a
   * `jwks_uri` document is fetched again unless it was already refreshed within the cooldown (the client may have
   * rotated its keys since it was cached).
   */
  jwks(client: Client, refresh?: boolean): Promise<readonly JWK[]>;
  /**
   * A jose key resolver over the same keys, for verifying the client's signatures. For a `jwks_uri` client, a `kid`
   * (or key type) found in none of the cached keys makes it refresh the document once before giving up.
   */
  verifier(client: Client): Promise<JWTVerifyGetKey>;
}

/** Cache timing of `jwks_uri` documents (see {@link RemoteJwksOptions}). */
export type ClientKeysOptions = Pick<RemoteJwksOptions, 'cacheMs' | 'refreshCooldownMs'>;

const MAX_INLINE_ENTRIES = 10_000;

/**
 * Resolves client keys: `jwks_uri` documents fetched through the outbound client `fetchText` and cached in a
 * {@link RemoteJwks} (for `cacheMs`), inline `jwks` per client version. Correctness never depends on the cache: a
 * changed registration has a new `updatedAt` and a new entry. A `jwks_uri` that cannot be fetched (refused address
 * included) fails the authentication with `invalid_client`; the reason goes to the log only.
 */
export function createClientKeys(fetchText: OutboundFetch, options: ClientKeysOptions): ClientKeys {
  const remote = createRemoteJwks(fetchText, { ...options, staleMs: 0 });
  const inline = new Map<string, readonly JWK[]>();
  const verifiers = new WeakMap<readonly JWK[], JWTVerifyGetKey>();

  async function keysOf(client: Client, refresh = false): Promise<readonly JWK[]> {
    const { jwks, jwksUri } = client;
    if (jwksUri !== undefined) {
      try {
        return await (refresh ? remote.refresh(jwksUri) : remote.keys(jwksUri));
      } catch (error) {
        if (!(error instanceof JwksUnavailableError)) throw error;
        throw invalidClient('The client jwks_uri could not be retrieved', 'assertion_signature_invalid', { detail: error.message });
      }
    }
    const key = `${client.clientId}:${client.record.updatedAt.getTime()}`;
    let keys = inline.get(key);
    if (keys === undefined) {
      keys = acceptableKeysOf(jwks);
      if (inline.size >= MAX_INLINE_ENTRIES) inline.clear();
      inline.set(key, keys);
    }
    if (keys.length === 0) throw invalidClient('The client has no usable registered keys', 'assertion_signature_invalid');
    return keys;
  }

  function localVerifier(keys: readonly JWK[]): JWTVerifyGetKey {
    let verifier = verifiers.get(keys);
    if (verifier === undefined) {
      verifier = createLocalJWKSet({ keys: [...keys] });
      verifiers.set(keys, verifier);
    }
    return verifier;
  }

  return {
    jwks: keysOf,
    async verifier(client) {
      const cached = localVerifier(await keysOf(client));
      if (client.jwksUri === undefined) return cached;
      return async (header, token) => {
        try {
          return await cached(header, token);
        } catch (error) {
          if (!(error instanceof errors.JWKSNoMatchingKey)) throw error;
          return localVerifier(await keysOf(client, true))(header, token);
        }
      };
    },
  };
}
