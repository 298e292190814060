import type { ClientAuthMethod } from '../protocol/client-auth-methods.js';
import type { SigningAlg } from '../protocol/signing-algorithms.js';
import type { ClientRecord } from '../storage/ports.js';
import { backchannelSettingsOf, type BackchannelSettings } from './backchannel-settings.js';
import { tlsIdentityOf, type TlsClientIdentity } from './tls-client-identity.js';

/**
 * A registered client as every layer reads it: its RFC 7591 metadata parsed once (client authentication, keys,
 * sender-constraint flags, grant and response types, scopes, CIBA settings) with the defaults the RFCs give to omitted
 * members. The stored record stays reachable for what only storage and registration use (secret hash, raw metadata).
 */
export interface Client {
  readonly clientId: string;
  readonly record: ClientRecord;
  /** `client_name`, else the client_id: what a PSU is shown. */
  readonly displayName: string;
  /** `token_endpoint_auth_method` (RFC 7591 §2). */
  readonly authMethod: ClientAuthMethod;
  /** `token_endpoint_auth_signing_alg`, when registered (OIDC Registration §2). */
  readonly authSigningAlg?: string;
  /** `jwks` as registered (RFC 7591 §2), when the keys are given by value. */
  readonly jwks?: unknown;
  /** `jwks_uri`, when the keys are given by reference. */
  readonly jwksUri?: string;
  /** The certificate identity `tls_client_auth` registered (RFC 8705 §2.1.2). */
  readonly tlsIdentity: TlsClientIdentity;
  /** `tls_client_certificate_bound_access_tokens` (RFC 8705 §3.4). */
  readonly certificateBoundAccessTokens: boolean;
  /** `dpop_bound_access_tokens` (RFC 9449 §5.2). */
  readonly dpopBoundAccessTokens: boolean;
  /** `grant_types`; RFC 7591 §2: `authorization_code` when omitted. */
  readonly grantTypes: ReadonlySet<string>;
  /** `response_types`; RFC 7591 §2: `code` when omitted. */
  readonly responseTypes: readonly string[];
  /** `redirect_uris`, compared by exact string (RFC 9700 §4.1.3). */
  readonly redirectUris: readonly string[];
  /** The scope values of `scope`. */
  readonly scopes: ReadonlySet<string>;
  /** `org_id` and `software_id` of a directory-registered client (UK OB DCR). */
  readonly orgId?: string;
  readonly softwareId?: string;
  /** `request_object_signing_alg`, when registered. */
  readonly requestObjectSigningAlg?: SigningAlg;
  /** CIBA settings (CIBA Core §4), when the client registered the CIBA grant. */
  readonly backchannel?: BackchannelSettings;
}

const parsed = new WeakMap<ClientRecord, Client>();

/** The client of a stored record, parsed once per record object (stored clients are cached per version). */
export function clientOf(record: ClientRecord): Client {
  let client = parsed.get(record);
  if (client === undefined) {
    client = parseClient(record);
    parsed.set(record, client);
  }
  return client;
}

function parseClient(record: ClientRecord): Client {
  const { metadata } = record;
  const text = (name: string) => (typeof metadata[name] === 'string' && metadata[name] !== '' ? (metadata[name] as string) : undefined);
  const grantTypes = new Set(Array.isArray(metadata['grant_types']) ? strings(metadata['grant_types']) : ['authorization_code']);
  const responseTypes = strings(metadata['response_types']);
  const backchannel = backchannelSettingsOf(metadata, grantTypes);
  return Object.freeze({
    clientId: record.clientId,
    record,
    displayName: text('client_name') ?? record.clientId,
    authMethod: metadata['token_endpoint_auth_method'] as ClientAuthMethod,
    ...optional('authSigningAlg', text('token_endpoint_auth_signing_alg')),
    ...(metadata['jwks'] === undefined ? {} : { jwks: metadata['jwks'] }),
    ...optional('jwksUri', text('jwks_uri')),
    tlsIdentity: tlsIdentityOf(metadata),
    certificateBoundAccessTokens: metadata['tls_client_certificate_bound_access_tokens'] === true,
    dpopBoundAccessTokens: metadata['dpop_bound_access_tokens'] === true,
    grantTypes,
    responseTypes: responseTypes.length === 0 ? ['code'] : responseTypes,
    redirectUris: strings(metadata['redirect_uris']),
    scopes: new Set(text('scope')?.split(' ') ?? []),
    ...optional('orgId', text('org_id')),
    ...optional('softwareId', text('software_id')),
    ...optional('requestObjectSigningAlg', text('request_object_signing_alg') as SigningAlg | undefined),
    ...(backchannel === undefined ? {} : { backchannel }),
  });
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);

const optional = <K extends string, V>(name: K, value: V | undefined): { [P in K]?: V } =>
  (value === undefined ? {} : { [name]: value }) as { [P in K]?: V };
