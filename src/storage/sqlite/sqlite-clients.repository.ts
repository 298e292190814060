import type { Database } from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { ObasDatabase } from '../database.types.js';
import { KyselyClientRepository } from '../kysely/kysely-clients.repository.js';
import { CLIENT_COLUMNS, clientFromRow, type ClientRow } from '../mapping/client.mapping.js';
import type { ClientRecord } from '../ports.js';
import { preparedOnce, type LazyStatement } from './sqlite-prepared.js';

/** SQLite clients: `find` checks the row version, then reuses the cached record or reads the row; the rest is Kysely. */
export class SqliteClientRepository extends KyselyClientRepository {
  readonly #find: LazyStatement<[string], ClientRow>;
  readonly #version: LazyStatement<[string], { updated_at: number }>;

  constructor(database: Database, db: Kysely<ObasDatabase>) {
    super(db);
    this.#find = preparedOnce(database, `SELECT ${CLIENT_COLUMNS} FROM clients WHERE client_id = ?`);
    this.#version = preparedOnce(database, 'SELECT updated_at FROM clients WHERE client_id = ?');
  }

  async find(clientId: string): Promise<ClientRecord | undefined> {
    const version = this.#version().get(clientId);
    if (version === undefined) return undefined;
    const cached = this.cache.current(clientId, version.updated_at);
    if (cached !== undefined) return cached;
    const row = this.#find().get(clientId);
    return row === undefined ? undefined : this.cache.remember(clientFromRow(row));
  }
}
