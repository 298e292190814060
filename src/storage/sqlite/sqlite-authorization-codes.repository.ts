import type { Database } from 'better-sqlite3';
import type { Kysely, Selectable } from 'kysely';
import type { AuthorizationCodesTable, ObasDatabase } from '../database.types.js';
import { KyselyAuthorizationCodeRepository } from '../kysely/kysely-authorization-codes.repository.js';
import { authorizationCodeFromRow } from '../mapping/authorization-code.mapping.js';
import type { AuthorizationCodeRecord } from '../ports.js';
import type { SqliteGroupCommit } from './sqlite-group-commit.js';
import { preparedOnce, type LazyStatement } from './sqlite-prepared.js';

/**
 * SQLite authorization codes: the two writes of every code exchange, `redeem` and `markAnswered`, run statements
 * prepared once in the group commit (the same conditional `UPDATE … RETURNING` as the Kysely repository: SQLite
 * serialises writers, so a code is still redeemed once across processes, and the answer is reported once durable);
 * the rest is Kysely.
 */
export class SqliteAuthorizationCodeRepository extends KyselyAuthorizationCodeRepository {
  readonly #redeem: LazyStatement<[number, string, string], Selectable<AuthorizationCodesTable>>;
  readonly #markAnswered: LazyStatement<[number, string], { replayed_at: number | null }>;
  readonly #writes: SqliteGroupCommit;

  constructor(database: Database, db: Kysely<ObasDatabase>, writes: SqliteGroupCommit) {
    super(db);
    this.#writes = writes;
    this.#redeem = preparedOnce(
      database,
      'UPDATE authorization_codes SET consumed_at = ? WHERE code_hash = ? AND client_id = ? AND consumed_at IS NULL RETURNING *',
    );
    this.#markAnswered = preparedOnce(database, 'UPDATE authorization_codes SET answered_at = ? WHERE code_hash = ? RETURNING replayed_at');
  }

  override async redeem(codeHash: string, clientId: string, now: Date): Promise<AuthorizationCodeRecord | undefined> {
    const row = await this.#writes.write(() => this.#redeem().get(now.getTime(), codeHash, clientId));
    return row === undefined ? undefined : authorizationCodeFromRow(row);
  }

  override async markAnswered(codeHash: string, now: Date): Promise<{ readonly replayed: boolean }> {
    const row = await this.#writes.write(() => this.#markAnswered().get(now.getTime(), codeHash));
    return { replayed: row !== undefined && row.replayed_at !== null };
  }
}
