import type { Selectable } from 'kysely';
import type { AuthorizationCodesTable } from '../database.types.js';
import type { AuthorizationCodeRecord } from '../ports.js';
import { optional, optionalDate, recordOf } from './column-values.js';

/** Maps a `authorization_codes` row (SQLite or PostgreSQL) to the port's record; NULL columns are omitted, not `undefined`. */
export function authorizationCodeFromRow(row: Selectable<AuthorizationCodesTable>): AuthorizationCodeRecord {
  return recordOf<AuthorizationCodeRecord>({
    codeHash: row.code_hash,
    clientId: row.client_id,
    grantId: row.grant_id,
    redirectUri: row.redirect_uri,
    codeChallenge: row.code_challenge,
    nonce: optional(row.nonce),
    dpopKeyThumbprint: optional(row.dpop_jkt),
    issuedAt: new Date(row.issued_at),
    expiresAt: new Date(row.expires_at),
    consumedAt: optionalDate(row.consumed_at),
  });
}
