import type { Database } from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { ObasDatabase } from '../database.types.js';
import { KyselyGrantRepository } from '../kysely/kysely-grants.repository.js';
import { grantFromRow } from '../mapping/grant.mapping.js';
import type { GrantRecord } from '../ports.js';
import { committedFinder, type CommittedFinder } from './sqlite-committed-read.js';

/** SQLite grants: `find`, read on every code exchange and refresh, runs a statement prepared once; the rest is Kysely. */
export class SqliteGrantRepository extends KyselyGrantRepository {
  readonly #find: CommittedFinder<GrantRecord>;

  constructor(database: Database, db: Kysely<ObasDatabase>) {
    super(db);
    this.#find = committedFinder(database, 'SELECT * FROM grants WHERE grant_id = ?', grantFromRow);
  }

  override find(grantId: string): Promise<GrantRecord | undefined> {
    return this.#find(grantId, () => super.find(grantId));
  }
}
