import type { Kysely } from 'kysely';
import type { Pool } from 'pg';
import type { ObasDatabase } from '../database.types.js';
import { KyselyClientRepository } from '../kysely/kysely-clients.repository.js';
import { CLIENT_COLUMNS, clientFromRow, type ClientRow } from '../mapping/client.mapping.js';
import type { ClientRecord } from '../ports.js';

const FIND_CLIENT_SQL = `SELECT ${CLIENT_COLUMNS} FROM clients WHERE client_id = $1`;
const CLIENT_VERSION_SQL = 'SELECT updated_at FROM clients WHERE client_id = $1';

/** PostgreSQL clients: `find` checks the row version, then reuses the cached record or reads the row (named prepared
 * statements, parsed once per pooled connection); the rest is Kysely. */
export class PgClientRepository extends KyselyClientRepository {
  readonly #pool: Pool;

  constructor(pool: Pool, db: Kysely<ObasDatabase>) {
    super(db);
    this.#pool = pool;
  }

  async find(clientId: string): Promise<ClientRecord | undefined> {
    const version = await this.#pool.query<{ updated_at: number }>({
      name: 'obas_client_version',
      text: CLIENT_VERSION_SQL,
      values: [clientId],
    });
    const updatedAt = version.rows[0]?.updated_at;
    if (updatedAt === undefined) return undefined;
    const cached = this.cache.current(clientId, Number(updatedAt));
    if (cached !== undefined) return cached;
    const { rows } = await this.#pool.query<ClientRow>({
      name: 'obas_find_client',
      text: FIND_CLIENT_SQL,
      values: [clientId],
    });
    const row = rows[0];
    return row === undefined ? undefined : this.cache.remember(clientFromRow(row));
  }
}
