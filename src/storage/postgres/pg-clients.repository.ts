import type { Kysely } from 'kysely';
import type { Pool } from 'pg';
import type { ObasDatabase } from '../database.types.js';
import { KyselyClientRepository } from '../kysely/kysely-clients.repository.js';
import { CLIENT_COLUMNS, clientFromRow, type ClientRow } from '../mapping/client.mapping.js';
import type { ClientRecord } from '../ports.js';
import { tickBatcher } from '../tick-batcher.js';

const FIND_CLIENT_SQL = `SELECT ${CLIENT_COLUMNS} FROM clients WHERE client_id = $1`;
const CLIENT_VERSION_SQL = 'SELECT updated_at FROM clients WHERE client_id = $1';
const CLIENT_VERSIONS_SQL = 'SELECT client_id, updated_at FROM clients WHERE client_id = ANY($1::text[])';
const MAX_CLIENTS_PER_VERSION_QUERY = 500;

/**
 * PostgreSQL clients: `find` checks the row version — the lookups of one event-loop turn in one query —, then reuses
 * the cached record or reads the row (named prepared statements, parsed once per pooled connection); the rest is Kysely.
 */
export class PgClientRepository extends KyselyClientRepository {
  readonly #pool: Pool;
  readonly #version: (clientId: string) => Promise<number | undefined>;

  constructor(pool: Pool, db: Kysely<ObasDatabase>) {
    super(db);
    this.#pool = pool;
    this.#version = tickBatcher<string, number | undefined>({
      one: async (clientId) => {
        const { rows } = await pool.query<{ updated_at: number }>({ name: 'obas_client_version', text: CLIENT_VERSION_SQL, values: [clientId] });
        return rows[0]?.updated_at;
      },
      many: async (clientIds) => {
        const { rows } = await pool.query<{ client_id: string; updated_at: number }>({
          name: 'obas_client_versions',
          text: CLIENT_VERSIONS_SQL,
          values: [[...new Set(clientIds)]],
        });
        const versions = new Map(rows.map((row) => [row.client_id, row.updated_at]));
        return clientIds.map((clientId) => versions.get(clientId));
      },
      maxBatch: MAX_CLIENTS_PER_VERSION_QUERY,
    });
  }

  async find(clientId: string): Promise<ClientRecord | undefined> {
    const updatedAt = await this.#version(clientId);
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
