import type { Psd2Role } from '../pki/client-certificate.js';

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
