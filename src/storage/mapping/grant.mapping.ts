import type { Selectable } from 'kysely';
import type { GrantsTable } from '../database.types.js';
import type { GrantRecord } from '../ports.js';
import { fromJsonColumn, optional, optionalDate, recordOf } from './column-values.js';

/** Maps a `grants` row (SQLite or PostgreSQL) to the port's record; NULL columns are omitted, not `undefined`. */
export function grantFromRow(row: Selectable<GrantsTable>): GrantRecord {
  return recordOf<GrantRecord>({
    grantId: row.grant_id,
    clientId: row.client_id,
    subject: row.subject,
    scope: row.scope,
    accounts: fromJsonColumn<string[]>(row.accounts),
    intentId: optional(row.intent_id),
    acr: optional(row.acr),
    authTime: new Date(row.auth_time),
    createdAt: new Date(row.created_at),
    expiresAt: new Date(row.expires_at),
    revokedAt: optionalDate(row.revoked_at),
  });
}
