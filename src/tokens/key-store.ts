import type { JWK } from 'jose';
import type { SigningAlg } from '../protocol/signing-algorithms.js';
import { SIGNING_ALGS } from '../protocol/signing-algorithms.js';
import { ensureActiveKeys, isPublished, newestActive, sortKeys } from './key-lifecycle.js';
import { signingKeyFromJwk, type SigningKey } from './key-material.js';

export type { SigningKey } from './key-material.js';

/** Options of {@link openKeyStore}. */
export interface KeyStoreOptions {
  /** The data directory; keys live in `<dataDir>/keys/`. */
  readonly dataDir: string;
  /** How long a retired key stays in the JWKS: at least the longest lifetime of a token it signed. */
  readonly retiredKeyPublishSeconds: number;
  /** How often the key directory is re-read to notice `obas keys rotate` run elsewhere; default 5000. */
  readonly reloadIntervalMs?: number;
  /** Receives errors of the periodic reload (e.g. a malformed key file); the last good key set stays in use. */
  readonly onReloadError?: (error: unknown) => void;
  /** Clock used for `createdAt` of keys the store creates; default `() => new Date()`. */
  readonly now?: () => Date;
}

/** A JWK Set (RFC 7517 §5) of public keys. */
export interface PublicJwks {
  readonly keys: JWK[];
}

/**
 * The server's signing keys, kept in sync with `<dataDir>/keys/`. Serves the JWKS (RFC 7517 §5, published at the
 * `jwks_uri` of RFC 8414 §2 / OpenID Connect Discovery §3) and the keys that sign ID tokens and RFC 9068 access tokens.
 */
export interface KeyStore {
  /** The key that signs with `alg` now: the newest one not retired. */
  activeKey(alg: SigningAlg): SigningKey;
  /** Any stored key by `kid`, retired ones included, to verify a JWT this server signed. */
  verificationKey(kid: string): SigningKey | undefined;
  /** Active keys plus retired keys still inside their window at `now`; public members, `kid`, `use`, `alg` only. */
  publicJwks(now: Date): PublicJwks;
  /** `JSON.stringify(publicJwks(now))`, cached while the published key set does not change. */
  publicJwksJson(now: Date): string;
  /** Re-reads the key directory now (the periodic reload calls this). Rejects if a key file is malformed. */
  reload(): Promise<void>;
  /** Stops the periodic reload. */
  close(): void;
}

interface KeySet {
  readonly keys: readonly SigningKey[];
  readonly active: ReadonlyMap<SigningAlg, SigningKey>;
  readonly byKid: ReadonlyMap<string, SigningKey>;
}

const DEFAULT_RELOAD_INTERVAL_MS = 5000;

/**
 * Opens the key store of `options.dataDir`, creating the initial RSA-2048 (PS256) and P-256 (ES256) keys when
 * there are none, and re-reads the directory every `reloadIntervalMs` on a timer that does not keep the process alive.
 */
export async function openKeyStore(options: KeyStoreOptions): Promise<KeyStore> {
  const reloadIntervalMs = options.reloadIntervalMs ?? DEFAULT_RELOAD_INTERVAL_MS;
  if (!Number.isFinite(options.retiredKeyPublishSeconds) || options.retiredKeyPublishSeconds < 0) {
    throw new RangeError('retiredKeyPublishSeconds must be a non-negative number');
  }
  if (!Number.isFinite(reloadIntervalMs) || reloadIntervalMs <= 0) {
    throw new RangeError('reloadIntervalMs must be a positive number');
  }
  const store = new FileKeyStore(options);
  await store.reload();
  store.startReloading(reloadIntervalMs);
  return store;
}

class FileKeyStore implements KeyStore {
  private keySet: KeySet = { keys: [], active: new Map(), byKid: new Map() };
  private cachedKeys = new Map<string, SigningKey>();
  private jwksJson: { readonly kids: string; readonly json: string } = { kids: '', json: '{"keys":[]}' };
  private pendingReload: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: KeyStoreOptions) {}

  activeKey(alg: SigningAlg): SigningKey {
    const key = this.keySet.active.get(alg);
    if (key === undefined) throw new Error(`no active ${alg} signing key`);
    return key;
  }

  verificationKey(kid: string): SigningKey | undefined {
    return this.keySet.byKid.get(kid);
  }

  publicJwks(now: Date): PublicJwks {
    return { keys: this.publishedKeys(now).map((key) => key.publicJwk) };
  }

  publicJwksJson(now: Date): string {
    const published = this.publishedKeys(now);
    const kids = published.map((key) => key.kid).join(' ');
    if (kids !== this.jwksJson.kids) {
      this.jwksJson = { kids, json: JSON.stringify({ keys: published.map((key) => key.publicJwk) }) };
    }
    return this.jwksJson.json;
  }

  reload(): Promise<void> {
    this.pendingReload ??= this.load().finally(() => {
      this.pendingReload = undefined;
    });
    return this.pendingReload;
  }

  close(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  startReloading(intervalMs: number): void {
    this.timer = setInterval(() => {
      this.reload().catch((error: unknown) => this.options.onReloadError?.(error));
    }, intervalMs).unref();
  }

  private publishedKeys(now: Date): SigningKey[] {
    return this.keySet.keys.filter((key) => isPublished(key, this.options.retiredKeyPublishSeconds, now));
  }

  private async load(): Promise<void> {
    const records = await ensureActiveKeys(this.options.dataDir, this.options.now?.() ?? new Date());
    const cachedKeys = new Map<string, SigningKey>();
    const keys = sortKeys(records).map((record) => {
      const cacheKey = `${record.fileName} ${record.kid} ${record.retiredAt?.toISOString() ?? ''}`;
      const key = this.cachedKeys.get(cacheKey) ?? signingKeyFromJwk(record.privateJwk, record, record.fileName);
      cachedKeys.set(cacheKey, key);
      return key;
    });
    const byKid = new Map(keys.map((key) => [key.kid, key]));
    const active = new Map<SigningAlg, SigningKey>();
    for (const alg of SIGNING_ALGS) {
      const record = newestActive(records, alg);
      const key = record === undefined ? undefined : byKid.get(record.kid);
      if (key !== undefined) active.set(alg, key);
    }
    this.cachedKeys = cachedKeys;
    this.keySet = { keys, active, byKid };
  }
}
