import type { Kysely } from 'kysely';
import type { ObasDatabase } from '../database.types.js';
import { clientFromRow, clientToRow } from '../mapping/client.mapping.js';
import type { ClientRecord, ClientRepository } from '../ports.js';

/**
 * The dialect-independent part of {@link ClientRepository}, written once with Kysely. Each adapter adds `find`, the
 * hot-path lookup, as a statement prepared once with its own driver.
 */
export abstract class KyselyClientRepository implements ClientRepository {
  protected constructor(protected readonly db: Kysely<ObasDatabase>) {}

  abstract find(clientId: string): Promise<ClientRecord | undefined>;

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
          created_at: excluded.ref('excluded.created_at'),
          updated_at: excluded.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }

  async replace(client: ClientRecord): Promise<boolean> {
    const { client_id: clientId, ...columns } = clientToRow(client);
    const result = await this.db.updateTable('clients').set(columns).where('client_id', '=', clientId).executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async delete(clientId: string): Promise<boolean> {
    const result = await this.db.deleteFrom('clients').where('client_id', '=', clientId).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  async list(): Promise<ClientRecord[]> {
    const rows = await this.db.selectFrom('clients').selectAll().orderBy('client_id').execute();
    return rows.map(clientFromRow);
  }
}
