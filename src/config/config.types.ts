import type { ReasonCodeDialect } from '../errors/reason-catalogue.js';
import type { ClientMetadata } from '../storage/ports.js';

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
  readonly profile: ProfileSettings;
  readonly limits: RequestLimits;
  readonly clients: readonly StaticClientConfig[];
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
}
