import type { Database } from 'better-sqlite3';
import type { Kysely, Selectable } from 'kysely';
import type { AccessTokensTable, ObasDatabase } from '../database.types.js';
import { KyselyAccessTokenRepository } from '../kysely/kysely-access-tokens.repository.js';
import {
  ACCESS_TOKEN_COLUMNS,
  accessTokenFromRow,
  accessTokenValues,
  type AccessTokenValues,
} from '../mapping/access-token.mapping.js';
import type { AccessTokenRecord } from '../ports.js';
import type { SqliteBusyWait } from './sqlite-busy-wait.js';
import type { SqliteGroupCommit } from './sqlite-group-commit.js';
import { preparedOnce, type LazyStatement } from './sqlite-prepared.js';

/**
 * SQLite access tokens: `insert` and `findByHash` run better-sqlite3 statements prepared once (inserts in group
 * commits); the rest is Kysely.
 */
export class SqliteAccessTokenRepository extends KyselyAccessTokenRepository {
  readonly #insert: LazyStatement<AccessTokenValues>;
  readonly #findByHash: LazyStatement<[string], Selectable<AccessTokensTable>>;
  readonly #writes: SqliteGroupCommit;
  readonly #busyWait: SqliteBusyWait;

  constructor(database: Database, db: Kysely<ObasDatabase>, writes: SqliteGroupCommit, busyWait: SqliteBusyWait) {
    super(db);
    this.#writes = writes;
    this.#busyWait = busyWait;
    this.#insert = preparedOnce(
      database,
      `INSERT INTO access_tokens (${ACCESS_TOKEN_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.#findByHash = preparedOnce(database, `SELECT ${ACCESS_TOKEN_COLUMNS} FROM access_tokens WHERE token_hash = ?`);
  }

  async insert(token: AccessTokenRecord): Promise<void> {
    const values = accessTokenValues(token);
    await this.#writes.write(() => this.#insert().run(...values));
  }

  async findByHash(tokenHash: string): Promise<AccessTokenRecord | undefined> {
    const row = await this.#busyWait.read(() => this.#findByHash().get(tokenHash));
    return row === undefined ? undefined : accessTokenFromRow(row);
  }
}
