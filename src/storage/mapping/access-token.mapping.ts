import type { Selectable } from 'kysely';
import type { AccessTokensTable } from '../database.types.js';
import type { AccessTokenRecord } from '../ports.js';
import type { Mutable } from '../../shared/mutable.js';

/** Column list of `access_tokens`, in the order of {@link accessTokenValues} and of every hand-written SELECT. */
export const ACCESS_TOKEN_COLUMNS =
  'token_hash, client_id, scope, format, issued_at, expires_at, certificate_thumbprint, subject, grant_id, revoked_at, dpop_jkt';

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
  return record;
}
