import type { Database } from 'better-sqlite3';
import type { Kysely, Selectable } from 'kysely';
import type { AuthorizationCodesTable, ObasDatabase } from '../database.types.js';
import { grantWithConsentQuery } from '../kysely/grant-with-consent.query.js';
import { KyselyAuthorizationCodeRepository, redeemedCode } from '../kysely/kysely-authorization-codes.repository.js';
import type { GrantWithConsentRow } from '../mapping/grant-with-consent.mapping.js';
import type { RedeemedCode } from '../ports.js';
import type { SqliteGroupCommit } from './sqlite-group-commit.js';
import { preparedOnce, sqliteTextOf, type LazyStatement } from './sqlite-prepared.js';

/**
 * SQLite authorization codes: the write of every code exchange, `redeem`, runs a statement prepared once in the group
 * commit (the same conditional `UPDATE … RETURNING` as the Kysely repository: SQLite serialises writers, so a code is
 * still redeemed once across processes, and the redemption is reported once durable).
 * The winning redemption reads the grant with its consent in the same transaction, right after the update (the
 * statement text is the Kysely query's, compiled once). The rest is Kysely.
 */
export class SqliteAuthorizationCodeRepository extends KyselyAuthorizationCodeRepository {
  readonly #redeem: LazyStatement<[number, string, string], Selectable<AuthorizationCodesTable>>;
  readonly #grantWithConsent: LazyStatement<[string], GrantWithConsentRow>;
  readonly #writes: SqliteGroupCommit;

  constructor(database: Database, db: Kysely<ObasDatabase>, writes: SqliteGroupCommit) {
    super(db);
    this.#writes = writes;
    this.#redeem = preparedOnce(
      database,
      'UPDATE authorization_codes SET consumed_at = ? WHERE code_hash = ? AND client_id = ? AND consumed_at IS NULL RETURNING *',
    );
    this.#grantWithConsent = preparedOnce(database, sqliteTextOf(grantWithConsentQuery, db));
  }

  override redeem(codeHash: string, clientId: string, now: Date): Promise<RedeemedCode | undefined> {
    return this.#writes.write(() => {
      const row = this.#redeem().get(now.getTime(), codeHash, clientId);
      if (row === undefined) return undefined;
      return redeemedCode(row, this.#grantWithConsent().get(row.grant_id));
    });
  }
}
