import { createLocalJWKSet, type JSONWebKeySet, type JWK, type JWTVerifyGetKey } from 'jose';
import { invalidClient } from '../errors/error-factories.js';
import type { ClientRecord } from '../storage/ports.js';

/** The public keys a client registered (RFC 7591 §2 `jwks` / `jwks_uri`). */
export interface ClientKeys {
  /** The client's public JWKs; `invalid_client` when it has none or `jwks_uri` cannot be fetched. */
  jwks(client: ClientRecord): Promise<readonly JWK[]>;
  /** A jose key resolver over the same keys, for verifying the client's signatures. */
  verifier(client: ClientRecord): Promise<JWTVerifyGetKey>;
}

/** Limits for fetching `jwks_uri`. */
export interface ClientKeysOptions {
  readonly fetchTimeoutMs: number;
  readonly cacheMs: number;
  readonly maxBytes: number;
}

interface CachedKeys {
  readonly keys: readonly JWK[];
  readonly verifier: JWTVerifyGetKey;
  readonly expiresAt: number;
}

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k'] as const;

/**
 * Resolves client keys with a short-lived cache: inline `jwks` per client version, `jwks_uri` documents for
 * `cacheMs`. Correctness never depends on the cache: a changed registration has a new `updatedAt` and a new entry.
 */
export function createClientKeys(options: ClientKeysOptions): ClientKeys {
  const cache = new Map<string, CachedKeys>();

  async function load(client: ClientRecord): Promise<CachedKeys> {
    const { jwks, jwks_uri: jwksUri } = client.metadata;
    const key = typeof jwksUri === 'string' ? `uri:${jwksUri}` : `inline:${client.clientId}:${client.updatedAt.getTime()}`;
    const cached = cache.get(key);
    if (cached !== undefined && cached.expiresAt > Date.now()) return cached;
    const document = typeof jwksUri === 'string' ? await fetchJwks(jwksUri, options) : jwks;
    const keys = publicKeysOf(document);
    if (keys.length === 0) throw invalidClient('The client has no registered keys', 'assertion_signature_invalid');
    const entry = { keys, verifier: createLocalJWKSet({ keys: [...keys] }), expiresAt: Date.now() + options.cacheMs };
    if (cache.size > 10_000) cache.clear();
    cache.set(key, entry);
    return entry;
  }

  return {
    jwks: async (client) => (await load(client)).keys,
    verifier: async (client) => (await load(client)).verifier,
  };
}

function publicKeysOf(document: unknown): JWK[] {
  const keys = (document as Partial<JSONWebKeySet> | undefined)?.keys;
  if (!Array.isArray(keys)) return [];
  return keys.filter(
    (jwk): jwk is JWK =>
      typeof jwk === 'object' && jwk !== null && typeof jwk.kty === 'string' && PRIVATE_MEMBERS.every((name) => !(name in jwk)),
  );
}

async function fetchJwks(uri: string, options: ClientKeysOptions): Promise<unknown> {
  const unreachable = (detail: string) =>
    invalidClient('The client jwks_uri could not be retrieved', 'assertion_signature_invalid', { detail });
  let response: Response;
  try {
    response = await fetch(uri, { signal: AbortSignal.timeout(options.fetchTimeoutMs), redirect: 'error' });
  } catch (error) {
    throw unreachable(`fetch ${uri}: ${String(error)}`);
  }
  if (!response.ok) throw unreachable(`fetch ${uri}: HTTP ${response.status}`);
  const text = await response.text();
  if (text.length > options.maxBytes) throw unreachable(`fetch ${uri}: document larger than ${options.maxBytes} bytes`);
  try {
    return JSON.parse(text);
  } catch {
    throw unreachable(`fetch ${uri}: not JSON`);
  }
}
