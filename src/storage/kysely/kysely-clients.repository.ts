import { sql, type Kysely } from 'kysely';
import type { ObasDatabase } from '../database.types.js';
import { ClientRecordCache } from '../mapping/client-record-cache.js';
import { clientFromRow, clientToRow } from '../mapping/client.mapping.js';
import type { ClientRecord, ClientRepository } from '../ports.js';

/**
 * The dialect-independent part of {@link ClientRepository}, written once with Kysely. Each adapter adds `find`, the
 * hot-path lookup, as a statement prepared once with its own driver, backed by {@link ClientRecordCache}. Every write
 * makes `updated_at` strictly increase (the cache's validity check) and forgets the local cache entry.
 */
export abstract class KyselyClientRepository implements ClientRepository {
  protected readonly cache = new ClientRecordCache();

  protected constructor(protected readonly db: Kysely<ObasDatabase>) {}

  abstract find(clientId: string): Promise<ClientRecord | undefined>;

  recall(clientId: string): ClientRecord | undefined {
    return this.cache.latest(clientId);
  }

  async save(client: ClientRecord): Promise<void> {
    await this.db
      .insertInto('clients')
      .values(clientToRow(client))
      .onConflict((conflict) =>
        conflict.column('client_id').doUpdateSet((excluded) => ({
          metadata: excluded.ref('excluded.metadata'),
          secret_hash: excluded.ref('excluded.secret_hash'),
          registration_access_token_hash: excluded.ref('excluded.registration_access_token_hash'),
          source: excluded.ref('excluded.source'),
          updated_at: sql<number>`CASE WHEN excluded.updated_at > clients.updated_at THEN excluded.updated_at ELSE clients.updated_at + 1 END`,
        })),
      )
      .execute();
    this.cache.forget(client.clientId);
  }

  async replace(client: ClientRecord): Promise<boolean> {
    // created_at never changes (see ClientRecord.createdAt).
    const { client_id: clientId, updated_at: updatedAt, created_at: _createdAt, ...columns } = clientToRow(client);
    const result = await this.db
      .updateTable('clients')
      .set({
        ...columns,
        updated_at: sql<number>`CASE WHEN ${updatedAt} > updated_at THEN ${updatedAt} ELSE updated_at + 1 END`,
      })
      .where('client_id', '=', clientId)
      .executeTakeFirst();
    this.cache.forget(clientId);
    return result.numUpdatedRows > 0n;
  }

  async delete(clientId: string): Promise<boolean> {
    const result = await this.db.deleteFrom('clients').where('client_id', '=', clientId).executeTakeFirst();
    this.cache.forget(clientId);
    return result.numDeletedRows > 0n;
  }

  async list(): Promise<ClientRecord[]> {
    const rows = await this.db.selectFrom('clients').selectAll().orderBy('client_id').execute();
    return rows.map(clientFromRow);
  }
}
