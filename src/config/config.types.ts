import type { ReasonCodeDialect } from '../errors/reason-catalogue.js';
import type { Psd2Role } from '../pki/client-certificate.js';
import type { DatabaseSettings } from '../storage/database-settings.js';
import type { ClientMetadata, PsuLockoutPolicy } from '../storage/ports.js';

/** Profiles obas ships (DESIGN.md `config/profiles/`). */
export type ProfileName = 'fapi2' | 'uk-ob' | 'stet';

/** Token endpoint client authentication methods (RFC 8414 `token_endpoint_auth_methods_supported`). */
export type ClientAuthMethod =
  | 'tls_client_auth'
  | 'self_signed_tls_client_auth'
  | 'private_key_jwt'
  | 'client_secret_basic'
  | 'client_secret_post';

/** JWS algorithms obas signs and accepts (FAPI: PS256, ES256). */
export type SigningAlg = 'PS256' | 'ES256';

/** Token lifetimes in seconds. */
export interface TokenLifetimes {
  readonly accessToken: number;
  /** Longest `exp - now` accepted in a client assertion (private_key_jwt). */
  readonly clientAssertionMaxAge: number;
  /** Authorization codes (RFC 6749 §4.1.2: short, at most 60 s here). */
  readonly authorizationCode: number;
  /** `expires_in` of a pushed authorization request's `request_uri` (RFC 9126 §2.2; at most 90 s here). */
  readonly requestUri: number;
  readonly idToken: number;
  /** Longest life of one refresh token; never beyond the consent's expiry. */
  readonly refreshToken: number;
  /** How long a PSU's authorization (the grant) lasts when the intent sets no earlier expiry. */
  readonly consent: number;
  /** How long a PSU has to log in and decide, from the authorization request. */
  readonly interaction: number;
}

/** Response types of the authorization endpoint (OAuth 2.0 Multiple Response Type Encoding Practices §3). */
export type AuthorizationResponseType = 'code' | 'code id_token';

/** Knobs of PSU authorization: the FAPI 1.0 Advanced / FAPI 2.0 / STET differences. */
export interface AuthorizationSettings {
  readonly responseTypes: readonly AuthorizationResponseType[];
  /** Whether `response_mode=jwt` (JARM) is offered. */
  readonly jarm: boolean;
  /** FAPI 1.0 Advanced §5.2.2-2: `response_type=code` only together with `response_mode=jwt`. */
  readonly codeRequiresJarm: boolean;
  /** FAPI 2.0 Security Profile §5.3.1.2-2: authorization requests only through PAR (RFC 9126). */
  readonly requirePushedRequests: boolean;
  /** FAPI 1.0 Advanced §5.2.2-1: authorization requests only as signed request objects (RFC 9101). */
  readonly requireSignedRequestObject: boolean;
  /** `alg` of ID tokens and JARM responses. */
  readonly idTokenSigningAlg: SigningAlg;
}

/** Refresh token policy (RFC 6749 §6, RFC 9700 §4.14.2). */
export interface RefreshTokenSettings {
  /** Issue a new refresh token on every use and retire the old one. */
  readonly rotate: boolean;
  /** Seconds after rotation during which the previous token still works once (a TPP that lost the response). */
  readonly graceSeconds: number;
}

/** PSD2 roles a scope needs at registration: any one of them (ETSI TS 119 495 §5.1); an empty list needs none. */
export type ScopeRoles = Readonly<Record<string, readonly Psd2Role[]>>;

/** Knobs of dynamic client registration (RFC 7591, RFC 7592, UK OB DCR v3.3). */
export interface RegistrationSettings {
  /** `jwt`: the body is a JWS signed by the TPP (`application/jose`, UK OB DCR); `json`: RFC 7591 JSON. */
  readonly requestFormat: 'jwt' | 'json';
  /** Whether a registration must carry a software statement assertion (RFC 7591 §2.3). */
  readonly softwareStatement: 'required' | 'optional';
  /** Whether an SSA's `jti` may create only one registration. */
  readonly softwareStatementSingleUse: boolean;
  /** Whether RFC 7592 requests may also present a client_credentials access token of the client (UK OB DCR). */
  readonly managementWithAccessToken: boolean;
  /** The scope values a registered client may get, with the PSD2 roles each needs. */
  readonly scopes: ScopeRoles;
}

/** The knobs in which profiles differ; resolved from the profile defaults plus file/env overrides. */
export interface ProfileSettings {
  readonly name: ProfileName;
  readonly allowedAuthMethods: readonly ClientAuthMethod[];
  readonly accessTokenFormat: 'opaque' | 'jwt';
  readonly accessTokenSigningAlg: SigningAlg;
  readonly reasonCodeDialect: ReasonCodeDialect;
  /** `issuer`: FAPI 2.0 (only the issuer as `aud`); `issuer-or-token-endpoint`: FAPI 1 / UK also the token endpoint URL. */
  readonly assertionAudience: 'issuer' | 'issuer-or-token-endpoint';
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

/** Request limits applied by every endpoint. */
export interface RequestLimits {
  /** Largest request body accepted, in bytes. */
  readonly bodyBytes: number;
  /** Most form/query parameters accepted in one request. */
  readonly parameters: number;
  /** Longest single parameter value, in characters. */
  readonly parameterLength: number;
}

/** A client given in the configuration file: RFC 7591 metadata plus an optional pre-hashed secret. */
export interface StaticClientConfig {
  readonly metadata: ClientMetadata;
  /** Output of `obas clients hash-secret`; never a clear secret. */
  readonly clientSecretHash?: string;
}

/** One account of a sandbox PSU, offered on the consent page. */
export interface SandboxAccount {
  /** Stable account id (what grants and intents record). */
  readonly id: string;
  /** What the PSU sees, e.g. "Current account". */
  readonly name: string;
  /** IBAN, or UK sort code and account number. */
  readonly identification: string;
  /** ISO 4217 currency code. */
  readonly currency: string;
}

/** A sandbox PSU: a stand-in for the bank's customer directory. */
export interface SandboxPsu {
  readonly username: string;
  /** scrypt hash (`obas clients hash-secret` format) of the password; never the clear password. */
  readonly passwordHash: string;
  /** The `sub` of ID tokens and the subject of tokens. */
  readonly subject: string;
  readonly name: string;
  readonly accounts: readonly SandboxAccount[];
}

/** The `sandbox` section. */
export interface SandboxConfig {
  readonly psus: readonly SandboxPsu[];
}

/** The `directory` section: who may sign software statements (RFC 7591 §2.3). */
export interface DirectoryConfig {
  /** A JWK Set file with the directory's public signing keys. */
  readonly jwksFile?: string;
  /** An https URL of the directory's JWK Set, fetched and cached. */
  readonly jwksUrl?: string;
  /** The `iss` values of software statements signed with those keys. */
  readonly issuers: readonly string[];
  /** Whether the built-in sandbox directory (`obas ssa issue`) is trusted. */
  readonly sandbox: boolean;
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

/**
 * A resource server (the bank's API gateway): identified by its mTLS certificate, like a `tls_client_auth` client, by
 * subject DN or by certificate thumbprint. It may introspect any token and mark payment consents consumed.
 */
export interface ResourceServerConfig {
  readonly id: string;
  /** RFC 8705 §2.1.2 `tls_client_auth_subject_dn` its certificate must carry. */
  readonly subjectDn?: string;
  /** `x5t#S256` of its certificate (base64url SHA-256 of the DER). */
  readonly certificateThumbprint?: string;
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
  readonly outbound: OutboundConfig;
  readonly rateLimits: RateLimitsConfig;
  readonly connections: ConnectionLimits;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Processes `obas start` runs, sharing the listeners and the database (1 in development, the core count otherwise). */
  readonly workers: number;
}
