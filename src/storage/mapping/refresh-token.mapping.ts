import type { Selectable } from 'kysely';
import type { RefreshTokensTable } from '../database.types.js';
import type { RefreshTokenRecord } from '../ports.js';
import { optional, optionalDate, recordOf } from './column-values.js';

/** Maps a `refresh_tokens` row (SQLite or PostgreSQL) to the port's record; NULL columns are omitted, not `undefined`. */
export function refreshTokenFromRow(row: Selectable<RefreshTokensTable>): RefreshTokenRecord {
  return recordOf<RefreshTokenRecord>({
    tokenHash: row.token_hash,
    grantId: row.grant_id,
    clientId: row.client_id,
    scope: row.scope,
    certificateThumbprint: optional(row.certificate_thumbprint),
    dpopBound: row.dpop_bound === 1 ? true : undefined,
    issuedAt: new Date(row.issued_at),
    expiresAt: new Date(row.expires_at),
    parentHash: optional(row.parent_hash),
    rotatedAt: optionalDate(row.rotated_at),
    graceUsedAt: optionalDate(row.grace_used_at),
    revokedAt: optionalDate(row.revoked_at),
  });
}

/** Column list of `refresh_tokens`, in the order of {@link refreshTokenValues}. */
export const REFRESH_TOKEN_COLUMNS =
  'token_hash, grant_id, client_id, scope, certificate_thumbprint, dpop_bound, issued_at, expires_at, parent_hash, rotated_at, grace_used_at, revoked_at';

/** Positional values of an INSERT into `refresh_tokens`, in {@link REFRESH_TOKEN_COLUMNS} order. */
export type RefreshTokenValues = [string, string, string, string, string | null, 1 | null, number, number, string | null, number | null, number | null, number | null];

/** The bind values for inserting `token`; absent optional members become NULL. */
export function refreshTokenValues(token: RefreshTokenRecord): RefreshTokenValues {
  return [
    token.tokenHash,
    token.grantId,
    token.clientId,
    token.scope,
    token.certificateThumbprint ?? null,
    token.dpopBound === true ? 1 : null,
    token.issuedAt.getTime(),
    token.expiresAt.getTime(),
    token.parentHash ?? null,
    token.rotatedAt?.getTime() ?? null,
    token.graceUsedAt?.getTime() ?? null,
    token.revokedAt?.getTime() ?? null,
  ];
}
