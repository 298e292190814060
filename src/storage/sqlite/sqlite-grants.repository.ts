import type { Database } from 'better-sqlite3';
import type { Kysely, Selectable } from 'kysely';
import type { GrantsTable, ObasDatabase } from '../database.types.js';
import { KyselyGrantRepository } from '../kysely/kysely-grants.repository.js';
import { grantFromRow } from '../mapping/grant.mapping.js';
import type { GrantRecord } from '../ports.js';
import { findCommitted } from './sqlite-committed-read.js';
import { preparedOnce, type LazyStatement } from './sqlite-prepared.js';

/** SQLite grants: `find`, read on every code exchange and refresh, runs a statement prepared once; the rest is Kysely. */
export class SqliteGrantRepository extends KyselyGrantRepository {
  readonly #database: Database;
  readonly #find: LazyStatement<[string], Selectable<GrantsTable>>;

  constructor(database: Database, db: Kysely<ObasDatabase>) {
    super(db);
    this.#database = database;
    this.#find = preparedOnce(database, 'SELECT * FROM grants WHERE grant_id = ?');
  }

  override find(grantId: string): Promise<GrantRecord | undefined> {
    return findCommitted(this.#database, () => this.#find().get(grantId), grantFromRow, () => super.find(grantId));
  }
}
