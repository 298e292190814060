import type { ReasonCodeDialect } from '../errors/reason-catalogue.js';
import type { DatabaseSettings } from '../storage/database-settings.js';
import type { ClientMetadata, PsuLockoutPolicy } from '../storage/ports.js';
import type { AuthorizationSettings } from '../authorization/authorization-settings.js';
import type { AssertionAudience } from '../client-auth/private-key-jwt.auth.js';
import type { ResourceServerConfig } from '../consent/resource-server-config.js';
import type { SandboxPsu } from '../consent/sandbox-psu.js';
import type { RefreshTokenSettings } from '../grants/refresh-token-settings.js';
import type { RequestLimits } from '../protocol/request-limits.js';
import type { DirectoryConfig, RegistrationSettings } from '../registration/registration-settings.js';
import type { TokenLifetimes } from '../tokens/token-lifetimes.js';
import type { ClientAuthMethod } from '../protocol/client-auth-methods.js';
import type { ProfileName } from '../protocol/profile-name.js';
import type { SigningAlg } from '../protocol/signing-algorithms.js';

/** The knobs in which profiles differ; resolved from the profile defaults plus file/env overrides. */
export interface ProfileSettings {
  readonly name: ProfileName;
  readonly allowedAuthMethods: readonly ClientAuthMethod[];
  readonly accessTokenFormat: 'opaque' | 'jwt';
  readonly accessTokenSigningAlg: SigningAlg;
  readonly reasonCodeDialect: ReasonCodeDialect;
  readonly assertionAudience: AssertionAudience;
  /** When true every access token is certificate-bound, whatever the client registered. */
  readonly alwaysBindTokens: boolean;
  readonly lifetimes: TokenLifetimes;
  readonly authorization: AuthorizationSettings;
  readonly refreshTokens: RefreshTokenSettings;
  readonly registration: RegistrationSettings;
  /**
   * UK OB message signing on the consent API: requests carry a detached JWS of the body in `x-jws-signature`, verified
   * against the client's registered keys, and responses are signed by obas. On in `uk-ob`.
   */
  readonly messageSigning: boolean;
}

/** One HTTPS listener. Without key/cert files the generated dev certificate for localhost is used. */
export interface ListenerConfig {
  readonly host: string;
  readonly port: number;
  readonly tlsKeyFile?: string;
  readonly tlsCertFile?: string;
}

/** A client given in the configuration file: RFC 7591 metadata plus an optional pre-hashed secret. */
export interface StaticClientConfig {
  readonly metadata: ClientMetadata;
  /** Output of `obas clients hash-secret`; never a clear secret. */
  readonly clientSecretHash?: string;
}

/** The `sandbox` section. */
export interface SandboxConfig {
  readonly psus: readonly SandboxPsu[];
}

/** The consent resources (UK OB read/write API) and the consent lifecycle: the `consents` section. */
export interface ConsentsConfig {
  /** Path prefix of the consent resources on the mTLS listener: `{basePath}/v3.1/aisp/…`; default `/open-banking`. */
  readonly basePath: string;
  /** How long a consent is kept after it ended (Rejected, Revoked, Expired, Consumed), in seconds; at least a day. */
  readonly retentionSeconds: number;
  /** How long the same `x-idempotency-key` answers with the same payment consent, in seconds (UK OB: 24 h). */
  readonly idempotencySeconds: number;
}

/** DPoP (RFC 9449) at the token, PAR and consent endpoints: the `dpop` section. */
export interface DpopConfig {
  /** Whether every DPoP proof must carry a server-provided nonce (RFC 9449 §8, §9); default false. */
  readonly requireNonce: boolean;
  /** How long one nonce window lasts, seconds (a nonce is accepted for one to two windows); default 60. */
  readonly nonceRotationSeconds: number;
  /** How long after its `iat` a proof is accepted, seconds (RFC 9449 §11.1); default 60. */
  readonly proofLifetimeSeconds: number;
}

/** Deleting expired rows: the `housekeeping` section. */
export interface HousekeepingConfig {
  /** Seconds between two sweeps of each obas process; default 300. */
  readonly intervalSeconds: number;
  /** How long a row is kept after it expired, seconds, so that a late token still reads as inactive; default 86400. */
  readonly retentionSeconds: number;
}

/** The Prometheus metrics listener (plain HTTP, `GET /metrics`): the `metrics` section. */
export interface MetricsConfig {
  readonly enabled: boolean;
  /** Bind address; loopback by default, so that only the host (or a sidecar) can scrape. */
  readonly host: string;
  /** Its port; `0` picks a free port (tests). */
  readonly port: number;
}

/** Route groups a rate limit applies to, each the routes of one endpoint family (the `rateLimits.groups` keys). */
export type RateLimitGroup = 'token' | 'par' | 'registration' | 'client-configuration' | 'revocation' | 'introspection' | 'psu-login';

/** One bucket (GCRA, a token bucket): `burst` requests at once, then `ratePerSecond` sustained; 429 beyond (RFC 6585 §4). */
export interface RateRule {
  readonly ratePerSecond: number;
  readonly burst: number;
}

/** The buckets of one route group; an absent scope is not limited. */
export interface GroupRateLimits {
  /** Per client: the client_id the request names (with its certificate thumbprint), or the certificate alone. */
  readonly perClient?: RateRule;
  /** Per client address (the peer, or the address a trusted proxy forwards); IPv6 by /64. */
  readonly perAddress?: RateRule;
}

/** Where the buckets live: this process's memory, or a Redis shared by every obas process. */
export type RateLimitStoreConfig =
  | { readonly kind: 'memory' }
  | {
      readonly kind: 'redis';
      /** `redis://` or `rediss://` URL; may hold credentials, so it is never logged. */
      readonly url: string;
      /** Prefix of every key obas writes. */
      readonly keyPrefix: string;
      /** Bound on one Redis round trip; beyond it the request is judged by the in-process buckets. */
      readonly timeoutMs: number;
    };

/** The `rateLimits` section. */
export interface RateLimitsConfig {
  readonly enabled: boolean;
  /** The preset the groups start from: `development` (generous) or `production`. */
  readonly preset: 'development' | 'production';
  readonly store: RateLimitStoreConfig;
  /** The preset's buckets with the configured groups' overrides applied. */
  readonly groups: Readonly<Record<RateLimitGroup, GroupRateLimits>>;
}

/** The `connections` section: what both HTTPS listeners allow a connection before and between requests. */
export interface ConnectionLimits {
  /** A connection must complete its TLS handshake within this (it covers one that never sends a ClientHello). */
  readonly handshakeTimeoutMs: number;
  /** A request's headers must all arrive within this from its first byte (and a new connection's first request too). */
  readonly headersTimeoutMs: number;
  /** Most connections open at once from one client address (IPv6 by /64); trusted proxies are not counted. */
  readonly maxPerAddress: number;
  /** Most connections open at once on one listener. */
  readonly maxTotal: number;
}

/**
 * The `outbound` section: how obas fetches what clients and directories point it at (`jwks_uri`,
 * `software_jwks_endpoint`, `directory.jwksUrl`). https only; loopback, private, link-local, multicast and reserved
 * addresses are refused unless listed in `allow`.
 */
export interface OutboundConfig {
  /** Addresses, CIDR blocks (`10.0.0.0/8`, `fd00::/8`) and host names obas may connect to although they are not public. */
  readonly allow: readonly string[];
  /** Bound on one fetch (resolution, connection, TLS, answer); every failed fetch is reported after exactly this long. */
  readonly timeoutMs: number;
  /** Largest document fetched, in bytes. */
  readonly maxBytes: number;
}

/** The validated configuration. Produced once at start by `loadConfig`; handlers receive slices of it. */
export interface ObasConfig {
  /** Issuer identifier (RFC 8414 §2): the front-channel base URL, no trailing slash. */
  readonly issuer: string;
  /** Base URL of the mTLS listener, used for `mtls_endpoint_aliases`. */
  readonly mtlsBaseUrl: string;
  readonly dataDir: string;
  readonly frontChannel: ListenerConfig;
  readonly mtls: ListenerConfig;
  /** PEM files with the CA certificates client certificates must chain to. */
  readonly trustAnchorFiles: readonly string[];
  /** Whether the dev CA in the data dir is trusted (default true when no trust anchors are configured). */
  readonly trustDevCa: boolean;
  /** Peer addresses (IPs or CIDRs) whose RFC 9440 `Client-Cert` header is believed. */
  readonly trustedProxies: readonly string[];
  /** `postgres://…` when PostgreSQL is used; otherwise SQLite at `sqliteFile`. */
  readonly databaseUrl?: string;
  readonly sqliteFile: string;
  /** The `database` section's timeouts and `Retry-After`: how long obas waits for its database. */
  readonly database: DatabaseSettings;
  readonly profile: ProfileSettings;
  readonly limits: RequestLimits;
  readonly clients: readonly StaticClientConfig[];
  /** Trusted software statement issuers. */
  readonly directory: DirectoryConfig;
  /** The sandbox PSUs who can log in on the PSU pages. */
  readonly sandbox: SandboxConfig;
  /** When failed sign-ins lock a PSU (username) out, across authorizations, the dashboard and processes. */
  readonly psuLockout: PsuLockoutPolicy;
  readonly consents: ConsentsConfig;
  readonly resourceServers: readonly ResourceServerConfig[];
  readonly metrics: MetricsConfig;
  readonly dpop: DpopConfig;
  readonly housekeeping: HousekeepingConfig;
  readonly outbound: OutboundConfig;
  readonly rateLimits: RateLimitsConfig;
  readonly connections: ConnectionLimits;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Processes `obas start` runs, sharing the listeners and the database (1 in development, the core count otherwise). */
  readonly workers: number;
}
