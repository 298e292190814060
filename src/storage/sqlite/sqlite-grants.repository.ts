import type { Database } from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { ObasDatabase } from '../database.types.js';
import { grantWithConsentQuery } from '../kysely/grant-with-consent.query.js';
import { KyselyGrantRepository } from '../kysely/kysely-grants.repository.js';
import { grantWithConsentFromRow } from '../mapping/grant-with-consent.mapping.js';
import { grantFromRow } from '../mapping/grant.mapping.js';
import type { GrantRecord, GrantWithConsent } from '../ports.js';
import type { SqliteBusyWait } from './sqlite-busy-wait.js';
import { committedFinder, type CommittedFinder } from './sqlite-committed-read.js';
import { sqliteTextOf } from './sqlite-prepared.js';

/**
 * SQLite grants: `findWithConsent`, read on every code exchange and refresh, and `find`, read on every token lookup
 * (introspection, revocation), run statements prepared once; the rest is Kysely.
 */
export class SqliteGrantRepository extends KyselyGrantRepository {
  readonly #find: CommittedFinder<GrantRecord>;
  readonly #findWithConsent: CommittedFinder<GrantWithConsent>;

  constructor(database: Database, db: Kysely<ObasDatabase>, busyWait: SqliteBusyWait) {
    super(db);
    this.#find = committedFinder(database, busyWait, 'SELECT * FROM grants WHERE grant_id = ?', grantFromRow);
    this.#findWithConsent = committedFinder(database, busyWait, sqliteTextOf(grantWithConsentQuery, db), grantWithConsentFromRow);
  }

  override find(grantId: string): Promise<GrantRecord | undefined> {
    return this.#find(grantId, () => super.find(grantId));
  }

  override findWithConsent(grantId: string): Promise<GrantWithConsent | undefined> {
    return this.#findWithConsent(grantId, () => super.findWithConsent(grantId));
  }
}
