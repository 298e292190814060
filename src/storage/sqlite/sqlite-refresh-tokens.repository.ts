import type { Database } from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { ObasDatabase } from '../database.types.js';
import { KyselyRefreshTokenRepository } from '../kysely/kysely-refresh-tokens.repository.js';
import { REFRESH_TOKEN_COLUMNS, refreshTokenFromRow, refreshTokenValues, type RefreshTokenValues } from '../mapping/refresh-token.mapping.js';
import { refreshTokenWithGrantQuery } from '../kysely/refresh-token-with-grant.query.js';
import { refreshTokenWithGrantFromRow } from '../mapping/refresh-token-with-grant.mapping.js';
import type { RefreshTokenRecord, RefreshTokenWithGrant } from '../ports.js';
import type { SqliteBusyWait } from './sqlite-busy-wait.js';
import { committedFinder, type CommittedFinder } from './sqlite-committed-read.js';
import type { SqliteGroupCommit } from './sqlite-group-commit.js';
import { preparedOnce, sqliteTextOf, type LazyStatement } from './sqlite-prepared.js';

/**
 * SQLite refresh tokens: `insert` (in the group commit), `findByHash` and `findWithGrant` (read on every refresh) run
 * statements prepared once; rotation and the rest are Kysely.
 */
export class SqliteRefreshTokenRepository extends KyselyRefreshTokenRepository {
  readonly #insert: LazyStatement<RefreshTokenValues>;
  readonly #findByHash: CommittedFinder<RefreshTokenRecord>;
  readonly #findWithGrant: CommittedFinder<RefreshTokenWithGrant>;
  readonly #writes: SqliteGroupCommit;

  constructor(database: Database, db: Kysely<ObasDatabase>, writes: SqliteGroupCommit, busyWait: SqliteBusyWait) {
    super(db);
    this.#writes = writes;
    this.#insert = preparedOnce(database, `INSERT INTO refresh_tokens (${REFRESH_TOKEN_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.#findByHash = committedFinder(database, busyWait, 'SELECT * FROM refresh_tokens WHERE token_hash = ?', refreshTokenFromRow);
    this.#findWithGrant = committedFinder(database, busyWait, sqliteTextOf(refreshTokenWithGrantQuery, db), refreshTokenWithGrantFromRow);
  }

  override async insert(token: RefreshTokenRecord): Promise<void> {
    const values = refreshTokenValues(token);
    await this.#writes.write(() => this.#insert().run(...values));
  }

  override findByHash(tokenHash: string): Promise<RefreshTokenRecord | undefined> {
    return this.#findByHash(tokenHash, () => super.findByHash(tokenHash));
  }

  override findWithGrant(tokenHash: string): Promise<RefreshTokenWithGrant | undefined> {
    return this.#findWithGrant(tokenHash, () => super.findWithGrant(tokenHash));
  }
}
