import type { Selectable } from 'kysely';
import type { AccessTokensTable } from '../database.types.js';
import type { AccessTokenRecord } from '../ports.js';
import type { Mutable } from '../../shared/mutable.js';

/** The columns of `access_tokens` with the PostgreSQL type of their values (SQLite stores the same as TEXT and INTEGER). */
const COLUMNS: readonly (readonly [name: string, type: 'text' | 'int8'])[] = [
  ['token_hash', 'text'],
  ['client_id', 'text'],
  ['scope', 'text'],
  ['format', 'text'],
  ['issued_at', 'int8'],
  ['expires_at', 'int8'],
  ['certificate_thumbprint', 'text'],
  ['subject', 'text'],
  ['grant_id', 'text'],
  ['revoked_at', 'int8'],
  ['dpop_jkt', 'text'],
  ['client_created_at', 'int8'],
];

/** Column list of `access_tokens`, in the order of {@link accessTokenValues} and of every hand-written SELECT. */
export const ACCESS_TOKEN_COLUMNS = COLUMNS.map(([name]) => name).join(', ');

/** The PostgreSQL type of each column of {@link ACCESS_TOKEN_COLUMNS}, in that order (statements derive their parameters from it). */
export const ACCESS_TOKEN_COLUMN_TYPES: readonly ('text' | 'int8')[] = COLUMNS.map(([, type]) => type);

/** One `?` per column of {@link ACCESS_TOKEN_COLUMNS}: the parameters of a one-row SQLite INSERT. */
export const ACCESS_TOKEN_SQLITE_PARAMETERS = COLUMNS.map(() => '?').join(', ');

/** Positional values of an INSERT into `access_tokens`, in {@link ACCESS_TOKEN_COLUMNS} order. */
export type AccessTokenValues = [
  string,
  string,
  string,
  string,
  number,
  number,
  string | null,
  string | null,
  string | null,
  number | null,
  string | null,
  number | null,
];

/** The bind values for inserting `token`; absent optional members become NULL. */
export function accessTokenValues(token: AccessTokenRecord): AccessTokenValues {
  return [
    token.tokenHash,
    token.clientId,
    token.scope,
    token.format,
    token.issuedAt.getTime(),
    token.expiresAt.getTime(),
    token.certificateThumbprint ?? null,
    token.subject ?? null,
    token.grantId ?? null,
    token.revokedAt?.getTime() ?? null,
    token.dpopKeyThumbprint ?? null,
    token.clientCreatedAt?.getTime() ?? null,
  ];
}

/** Maps an `access_tokens` row to the port's record; NULL columns are omitted, not `undefined`. */
export function accessTokenFromRow(row: Selectable<AccessTokensTable>): AccessTokenRecord {
  const record: Mutable<AccessTokenRecord> = {
    tokenHash: row.token_hash,
    clientId: row.client_id,
    scope: row.scope,
    format: row.format,
    issuedAt: new Date(row.issued_at),
    expiresAt: new Date(row.expires_at),
  };
  if (row.certificate_thumbprint !== null) record.certificateThumbprint = row.certificate_thumbprint;
  if (row.subject !== null) record.subject = row.subject;
  if (row.grant_id !== null) record.grantId = row.grant_id;
  if (row.revoked_at !== null) record.revokedAt = new Date(row.revoked_at);
  if (row.dpop_jkt !== null) record.dpopKeyThumbprint = row.dpop_jkt;
  if (row.client_created_at !== null) record.clientCreatedAt = new Date(row.client_created_at);
  return record;
}
