import type { ColumnType } from 'kysely';
import type { ConsentKind, ConsentStatus, UkApiVersion } from './ports.js';
import type { BackchannelDeliveryMode, BackchannelRequestStatus } from './ciba-ports.js';

/**
 * The obas schema as Kysely sees it (both dialects). Times are epoch milliseconds (`bigint` columns; the PostgreSQL
 * pool parses int8 to number). Client metadata is JSON: `text` on SQLite (read back as a string), `jsonb` on PostgreSQL
 * (read back parsed); it is always written as a JSON string.
 */
export interface ObasDatabase {
  readonly clients: ClientsTable;
  readonly access_tokens: AccessTokensTable;
  readonly replay_cache: ReplayCacheTable;
  readonly pushed_requests: PushedRequestsTable;
  readonly authorization_codes: AuthorizationCodesTable;
  readonly grants: GrantsTable;
  readonly refresh_tokens: RefreshTokensTable;
  readonly interactions: InteractionsTable;
  readonly consents: ConsentsTable;
  readonly psu_lockouts: PsuLockoutsTable;
  readonly backchannel_requests: BackchannelRequestsTable;
}

/** Row of `clients`; see `ClientRecord` in ports.ts. */
export interface ClientsTable {
  client_id: string;
  metadata: ColumnType<unknown, string, string>;
  secret_hash: string | null;
  registration_access_token_hash: string | null;
  source: 'config' | 'dcr';
  created_at: number;
  updated_at: number;
}

/** Row of `access_tokens`; see `AccessTokenRecord` in ports.ts. */
export interface AccessTokensTable {
  token_hash: string;
  client_id: string;
  scope: string;
  format: 'opaque' | 'jwt';
  issued_at: number;
  expires_at: number;
  certificate_thumbprint: string | null;
  subject: string | null;
  grant_id: string | null;
  revoked_at: number | null;
  dpop_jkt: string | null;
  client_created_at: number | null;
}

/** Row of `replay_cache`. */
export interface ReplayCacheTable {
  namespace: string;
  id: string;
  expires_at: number;
}

/** Row of `pushed_requests`; see `PushedRequestRecord` in ports.ts. `signed` is 0 or 1. */
export interface PushedRequestsTable {
  request_uri_hash: string;
  client_id: string;
  parameters: ColumnType<unknown, string, string>;
  signed: number;
  created_at: number;
  expires_at: number;
  consumed_at: number | null;
}

/** Row of `authorization_codes`; see `AuthorizationCodeRecord` in ports.ts. */
export interface AuthorizationCodesTable {
  code_hash: string;
  client_id: string;
  grant_id: string;
  redirect_uri: string;
  code_challenge: string;
  nonce: string | null;
  issued_at: number;
  expires_at: number;
  consumed_at: number | null;
  /** No longer written: a replay now revokes the grant at once. Kept so that an instance of the previous version, still writing it, can run beside this one during an upgrade. */
  answered_at: ColumnType<number | null, number | null | undefined, number | null>;
  replayed_at: ColumnType<number | null, number | null | undefined, number | null>;
  dpop_jkt: string | null;
}

/** Row of `grants`; see `GrantRecord` in ports.ts. `accounts` is a JSON array. */
export interface GrantsTable {
  grant_id: string;
  client_id: string;
  subject: string;
  scope: string;
  accounts: ColumnType<unknown, string, string>;
  intent_id: string | null;
  acr: string | null;
  auth_time: number;
  created_at: number;
  expires_at: number;
  revoked_at: number | null;
}

/** Row of `refresh_tokens`; see `RefreshTokenRecord` in ports.ts. */
export interface RefreshTokensTable {
  token_hash: string;
  grant_id: string;
  client_id: string;
  scope: string;
  certificate_thumbprint: string | null;
  /** 1 when issued with a DPoP-bound access token (migration 0009). */
  dpop_bound: number | null;
  issued_at: number;
  expires_at: number;
  parent_hash: string | null;
  rotated_at: number | null;
  grace_used_at: number | null;
  revoked_at: number | null;
}

/** Row of `interactions`; see `InteractionRecord` in ports.ts. `request` is a JSON object. */
export interface InteractionsTable {
  interaction_hash: string;
  client_id: string;
  request: ColumnType<unknown, string, string>;
  stage: 'login' | 'second-factor' | 'consent' | 'done';
  subject: string | null;
  auth_time: number | null;
  otp_hash: string | null;
  failed_attempts: number;
  created_at: number;
  expires_at: number;
}

/** Row of `consents`; see `ConsentRecord` in ports.ts. `details` is a JSON object, `accounts` a JSON array. */
export interface ConsentsTable {
  consent_id: string;
  client_id: string;
  kind: ConsentKind;
  api_version: UkApiVersion | null;
  status: ConsentStatus;
  status_reason: string | null;
  details: ColumnType<unknown, string, string>;
  created_at: number;
  status_updated_at: number;
  expires_at: number | null;
  authorisation_expires_at: number;
  subject: string | null;
  accounts: ColumnType<unknown, string | null, string | null>;
  idempotency_key: string | null;
  request_hash: string | null;
}

/**
 * Row of `psu_lockouts`, one per normalised username with failed sign-ins; see `PsuLockoutRepository` in
 * psu-lockout-ports.ts. `locked_until` is 0 before any lock; `reset_at` is when the failures and back-off are forgotten.
 */
export interface PsuLockoutsTable {
  username: string;
  failures: number;
  locked_until: number;
  next_lock_ms: number;
  reset_at: number;
}

/**
 * Row of `backchannel_requests`; see `BackchannelRequestRecord` in ciba-ports.ts. `ping_auth_req_id` and `ping_token`
 * are set for ping clients until the decision; `last_poll_too_fast` is 0 or 1.
 */
export interface BackchannelRequestsTable {
  request_hash: string;
  client_id: string;
  subject: string;
  scope: string;
  acr: string | null;
  binding_message: string | null;
  intent_id: string | null;
  delivery_mode: BackchannelDeliveryMode;
  ping_auth_req_id: string | null;
  ping_token: string | null;
  status: BackchannelRequestStatus;
  created_at: number;
  expires_at: number;
  interval_seconds: number;
  last_polled_at: number | null;
  last_poll_too_fast: ColumnType<number, number | undefined, number>;
  decided_at: number | null;
  grant_id: string | null;
  issued_at: number | null;
}
