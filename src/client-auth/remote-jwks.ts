import type { JSONWebKeySet, JWK } from 'jose';
import type { OutboundFetch } from '../outbound/outbound-client.js';
import { isAcceptableJwk } from '../pki/key-strength.js';

/** Cache timing for JWK Sets fetched over HTTPS (the fetch itself is bounded by the outbound client). */
export interface RemoteJwksOptions {
  /** How long a fetched document is used without asking again. */
  readonly cacheMs: number;
  /** Shortest interval between two refreshes of one URL (asked for when a signature names an unknown `kid`). */
  readonly refreshCooldownMs: number;
  /** How long a cached document may still serve when a refetch fails. */
  readonly staleMs: number;
}

/**
 * A JWK Set URL that could not be used: refused by the outbound policy, unreachable, too slow, too large, not JSON, or
 * without public keys.
 */
export class JwksUnavailableError extends Error {
  constructor(uri: string, reason: string) {
    super(`JWKS ${uri}: ${reason}`);
    this.name = 'JwksUnavailableError';
  }
}

/** JWK Sets fetched from URLs (RFC 7517 §5), cached per URL. The same array is returned while it stays cached. */
export interface RemoteJwks {
  /** The public keys at `uri`: cached while fresh, else fetched. Rejects with {@link JwksUnavailableError}. */
  keys(uri: string): Promise<readonly JWK[]>;
  /** Fetches again (e.g. a signature names an unknown `kid`), unless the last refresh is younger than the cooldown. */
  refresh(uri: string): Promise<readonly JWK[]>;
}

interface CachedDocument {
  readonly keys: readonly JWK[];
  readonly fetchedAt: number;
}

const MAX_CACHED_URLS = 10_000;

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'] as const;

/** The public keys of a JWK Set document: entries with a `kty` and no private or symmetric members. */
export function publicKeysOf(document: unknown): JWK[] {
  const keys = (document as Partial<JSONWebKeySet> | undefined)?.keys;
  if (!Array.isArray(keys)) return [];
  return keys.filter(
    (jwk): jwk is JWK =>
      typeof jwk === 'object' && jwk !== null && typeof jwk.kty === 'string' && PRIVATE_MEMBERS.every((name) => !(name in jwk)),
  );
}

/**
 * The keys of a JWK Set document obas may verify signatures with: its public keys that are also usable RSA (≥ 2048
 * bits) or EC (P-256, P-384) keys (`jwkProblem`). Weak and malformed entries are left out, so that they never reach
 * a signature check (where they would fail as a 500 instead of a refused signature).
 */
export function acceptableKeysOf(document: unknown): JWK[] {
  return publicKeysOf(document).filter(isAcceptableJwk);
}

/**
 * Fetches JWK Sets through `fetchText` (the outbound client: https, allowed addresses only, a timeout, a size limit,
 * no redirects), with a cache per URL and one request in flight per URL. A failed refetch falls back to the cached
 * document while it is younger than `staleMs`, so a directory outage of a few minutes does not stop registrations;
 * correctness never depends on the cache, since keys only ever verify signatures.
 */
export function createRemoteJwks(fetchText: OutboundFetch, options: RemoteJwksOptions): RemoteJwks {
  const cache = new Map<string, CachedDocument>();
  const inFlight = new Map<string, Promise<readonly JWK[]>>();
  const lastRefresh = new Map<string, number>();

  function fetchOnce(uri: string): Promise<readonly JWK[]> {
    let pending = inFlight.get(uri);
    if (pending === undefined) {
      pending = download(uri)
        .then((keys) => {
          if (cache.size >= MAX_CACHED_URLS) cache.clear();
          cache.set(uri, { keys, fetchedAt: Date.now() });
          return keys;
        })
        .catch((error: unknown) => {
          const cached = cache.get(uri);
          if (cached !== undefined && Date.now() - cached.fetchedAt < options.staleMs) return cached.keys;
          throw error;
        })
        .finally(() => inFlight.delete(uri));
      inFlight.set(uri, pending);
    }
    return pending;
  }

  async function download(uri: string): Promise<JWK[]> {
    let text: string;
    try {
      text = await fetchText(uri, 'application/jwk-set+json, application/json');
    } catch (error) {
      throw new JwksUnavailableError(uri, error instanceof Error ? error.message : String(error));
    }
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch {
      throw new JwksUnavailableError(uri, 'not JSON');
    }
    const keys = acceptableKeysOf(document);
    if (keys.length === 0) throw new JwksUnavailableError(uri, publicKeysOf(document).length === 0 ? 'no public keys' : 'no acceptable public keys');
    return keys;
  }

  return {
    async keys(uri) {
      const cached = cache.get(uri);
      if (cached !== undefined && Date.now() - cached.fetchedAt < options.cacheMs) return cached.keys;
      return fetchOnce(uri);
    },
    async refresh(uri) {
      const cached = cache.get(uri);
      const refreshedAt = lastRefresh.get(uri);
      if (cached !== undefined && refreshedAt !== undefined && Date.now() - refreshedAt < options.refreshCooldownMs) return cached.keys;
      if (lastRefresh.size >= MAX_CACHED_URLS) lastRefresh.clear();
      lastRefresh.set(uri, Date.now());
      return fetchOnce(uri);
    },
  };
}
