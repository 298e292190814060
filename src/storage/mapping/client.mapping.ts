import type { Insertable, Selectable } from 'kysely';
import type { ClientsTable } from '../database.types.js';
import type { ClientMetadata, ClientRecord } from '../ports.js';
import type { Mutable } from '../../shared/mutable.js';

/** Column list of `clients`, in the order every hand-written SELECT uses. */
export const CLIENT_COLUMNS =
  'client_id, metadata, secret_hash, registration_access_token_hash, source, created_at, updated_at';

/** A `clients` row as read: metadata is JSON text on SQLite and already parsed (jsonb) on PostgreSQL. */
export type ClientRow = Selectable<ClientsTable>;

/** Maps a `clients` row to the port's record; absent optional columns are omitted, not `undefined`. */
export function clientFromRow(row: ClientRow): ClientRecord {
  const metadata = (typeof row.metadata === 'string' ? JSON.parse(row.metadata) : row.metadata) as ClientMetadata;
  const record: Mutable<ClientRecord> = {
    clientId: row.client_id,
    metadata,
    source: row.source,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
  if (row.secret_hash !== null) record.secretHash = row.secret_hash;
  if (row.registration_access_token_hash !== null) {
    record.registrationAccessTokenHash = row.registration_access_token_hash;
  }
  return record;
}

/** Maps a client record to the row written by `save` (metadata serialised as JSON). */
export function clientToRow(client: ClientRecord): Insertable<ClientsTable> {
  return {
    client_id: client.clientId,
    metadata: JSON.stringify(client.metadata),
    secret_hash: client.secretHash ?? null,
    registration_access_token_hash: client.registrationAccessTokenHash ?? null,
    source: client.source,
    created_at: client.createdAt.getTime(),
    updated_at: client.updatedAt.getTime(),
  };
}
