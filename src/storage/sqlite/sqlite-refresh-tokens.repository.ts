import type { Database } from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { ObasDatabase } from '../database.types.js';
import { KyselyRefreshTokenRepository } from '../kysely/kysely-refresh-tokens.repository.js';
import { REFRESH_TOKEN_COLUMNS, refreshTokenFromRow, refreshTokenValues, type RefreshTokenValues } from '../mapping/refresh-token.mapping.js';
import type { RefreshTokenRecord } from '../ports.js';
import { committedFinder, type CommittedFinder } from './sqlite-committed-read.js';
import type { SqliteGroupCommit } from './sqlite-group-commit.js';
import { preparedOnce, type LazyStatement } from './sqlite-prepared.js';

/**
 * SQLite refresh tokens: `insert` (in the group commit) and `findByHash` run statements prepared once; rotation and
 * the rest are Kysely.
 */
export class SqliteRefreshTokenRepository extends KyselyRefreshTokenRepository {
  readonly #insert: LazyStatement<RefreshTokenValues>;
  readonly #findByHash: CommittedFinder<RefreshTokenRecord>;
  readonly #writes: SqliteGroupCommit;

  constructor(database: Database, db: Kysely<ObasDatabase>, writes: SqliteGroupCommit) {
    super(db);
    this.#writes = writes;
    this.#insert = preparedOnce(database, `INSERT INTO refresh_tokens (${REFRESH_TOKEN_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.#findByHash = committedFinder(database, 'SELECT * FROM refresh_tokens WHERE token_hash = ?', refreshTokenFromRow);
  }

  override async insert(token: RefreshTokenRecord): Promise<void> {
    const values = refreshTokenValues(token);
    await this.#writes.write(() => this.#insert().run(...values));
  }

  override findByHash(tokenHash: string): Promise<RefreshTokenRecord | undefined> {
    return this.#findByHash(tokenHash, () => super.findByHash(tokenHash));
  }
}
