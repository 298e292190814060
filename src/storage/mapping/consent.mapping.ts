import type { Selectable } from 'kysely';
import type { ConsentsTable } from '../database.types.js';
import type { ConsentRecord } from '../ports.js';
import { fromJsonColumn, optional, optionalDate, recordOf } from './column-values.js';

/** Maps a `consents` row (SQLite or PostgreSQL) to the port's record; NULL columns are omitted, not `undefined`. */
export function consentFromRow(row: Selectable<ConsentsTable>): ConsentRecord {
  return recordOf<ConsentRecord>({
    consentId: row.consent_id,
    clientId: row.client_id,
    kind: row.kind,
    apiVersion: optional(row.api_version),
    status: row.status,
    statusReason: optional(row.status_reason),
    details: fromJsonColumn<Record<string, unknown>>(row.details),
    createdAt: new Date(row.created_at),
    statusUpdatedAt: new Date(row.status_updated_at),
    expiresAt: optionalDate(row.expires_at),
    authorisationExpiresAt: new Date(row.authorisation_expires_at),
    subject: optional(row.subject),
    accounts: row.accounts === null ? undefined : fromJsonColumn<string[]>(row.accounts),
    idempotencyKey: optional(row.idempotency_key),
    requestHash: optional(row.request_hash),
  });
}
