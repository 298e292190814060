import type { ColumnType } from 'kysely';

/**
 * The obas schema as Kysely sees it (both dialects). Times are epoch milliseconds (`bigint` columns; the PostgreSQL
 * pool parses int8 to number). Client metadata is JSON: `text` on SQLite (read back as a string), `jsonb` on PostgreSQL
 * (read back parsed); it is always written as a JSON string.
 */
export interface ObasDatabase {
  readonly clients: ClientsTable;
  readonly access_tokens: AccessTokensTable;
  readonly replay_cache: ReplayCacheTable;
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
}

/** Row of `replay_cache`. */
export interface ReplayCacheTable {
  namespace: string;
  id: string;
  expires_at: number;
}
