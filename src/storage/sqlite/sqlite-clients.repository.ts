import type { Database } from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { ObasDatabase } from '../database.types.js';
import { KyselyClientRepository } from '../kysely/kysely-clients.repository.js';
import { CLIENT_COLUMNS, clientFromRow, type ClientRow } from '../mapping/client.mapping.js';
import type { ClientRecord } from '../ports.js';
import { preparedOnce, type LazyStatement } from './sqlite-prepared.js';

/** SQLite clients: `find` runs a better-sqlite3 statement prepared once; the rest is Kysely. */
export class SqliteClientRepository extends KyselyClientRepository {
  readonly #find: LazyStatement<[string], ClientRow>;

  constructor(database: Database, db: Kysely<ObasDatabase>) {
    super(db);
    this.#find = preparedOnce(database, `SELECT ${CLIENT_COLUMNS} FROM clients WHERE client_id = ?`);
  }

  async find(clientId: string): Promise<ClientRecord | undefined> {
    const row = this.#find().get(clientId);
    return row === undefined ? undefined : clientFromRow(row);
  }
}
