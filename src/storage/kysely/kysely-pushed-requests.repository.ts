import type { Kysely, Selectable } from 'kysely';
import type { ObasDatabase, PushedRequestsTable } from '../database.types.js';
import { fromJsonColumn } from '../mapping/column-values.js';
import type { PushedRequestRecord, PushedRequestRepository } from '../ports.js';
import { deleteExpiredRows } from './expired-rows.js';

function fromRow(row: Selectable<PushedRequestsTable>): PushedRequestRecord {
  return {
    requestUriHash: row.request_uri_hash,
    clientId: row.client_id,
    parameters: fromJsonColumn<Record<string, string>>(row.parameters),
    signed: row.signed === 1,
    createdAt: new Date(row.created_at),
    expiresAt: new Date(row.expires_at),
  };
}

/** {@link PushedRequestRepository} for SQLite and PostgreSQL alike; `consume` is one `UPDATE … RETURNING`. */
export class KyselyPushedRequestRepository implements PushedRequestRepository {
  constructor(private readonly db: Kysely<ObasDatabase>) {}

  async insert(request: PushedRequestRecord): Promise<void> {
    await this.db
      .insertInto('pushed_requests')
      .values({
        request_uri_hash: request.requestUriHash,
        client_id: request.clientId,
        parameters: JSON.stringify(request.parameters),
        signed: request.signed ? 1 : 0,
        created_at: request.createdAt.getTime(),
        expires_at: request.expiresAt.getTime(),
        consumed_at: null,
      })
      .execute();
  }

  async consume(requestUriHash: string, clientId: string, now: Date): Promise<PushedRequestRecord | undefined> {
    const row = await this.db
      .updateTable('pushed_requests')
      .set({ consumed_at: now.getTime() })
      .where('request_uri_hash', '=', requestUriHash)
      .where('client_id', '=', clientId)
      .where('consumed_at', 'is', null)
      .where('expires_at', '>', now.getTime())
      .returningAll()
      .executeTakeFirst();
    return row === undefined ? undefined : fromRow(row);
  }

  deleteExpired(before: Date): Promise<number> {
    return deleteExpiredRows(this.db, 'pushed_requests', before);
  }
}
