import type { Database } from 'better-sqlite3';
import type { Kysely, Selectable } from 'kysely';
import type { ConsentsTable, ObasDatabase } from '../database.types.js';
import { KyselyConsentRepository } from '../kysely/kysely-consents.repository.js';
import { consentFromRow } from '../mapping/consent.mapping.js';
import type { ConsentRecord } from '../ports.js';
import { findCommitted } from './sqlite-committed-read.js';
import { preparedOnce, type LazyStatement } from './sqlite-prepared.js';

/**
 * SQLite consents: `find`, read with the grant on every code exchange and refresh, runs a statement prepared once; the
 * rest is Kysely.
 */
export class SqliteConsentRepository extends KyselyConsentRepository {
  readonly #database: Database;
  readonly #find: LazyStatement<[string], Selectable<ConsentsTable>>;

  constructor(database: Database, db: Kysely<ObasDatabase>) {
    super(db);
    this.#database = database;
    this.#find = preparedOnce(database, 'SELECT * FROM consents WHERE consent_id = ?');
  }

  override find(consentId: string): Promise<ConsentRecord | undefined> {
    return findCommitted(this.#database, () => this.#find().get(consentId), consentFromRow, () => super.find(consentId));
  }
}
