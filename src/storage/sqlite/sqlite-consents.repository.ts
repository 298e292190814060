import type { Database } from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { ObasDatabase } from '../database.types.js';
import { KyselyConsentRepository } from '../kysely/kysely-consents.repository.js';
import { consentFromRow } from '../mapping/consent.mapping.js';
import type { ConsentRecord } from '../ports.js';
import type { SqliteBusyWait } from './sqlite-busy-wait.js';
import { committedFinder, type CommittedFinder } from './sqlite-committed-read.js';

/**
 * SQLite consents: `find`, read on every introspection of a token bound to a consent, runs a statement prepared once;
 * the rest is Kysely.
 */
export class SqliteConsentRepository extends KyselyConsentRepository {
  readonly #find: CommittedFinder<ConsentRecord>;

  constructor(database: Database, db: Kysely<ObasDatabase>, busyWait: SqliteBusyWait) {
    super(db);
    this.#find = committedFinder(database, busyWait, 'SELECT * FROM consents WHERE consent_id = ?', consentFromRow);
  }

  override find(consentId: string): Promise<ConsentRecord | undefined> {
    return this.#find(consentId, () => super.find(consentId));
  }
}
