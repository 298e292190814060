import type { Database } from 'better-sqlite3';
import type { Kysely, Selectable } from 'kysely';
import type { AccessTokensTable, ObasDatabase } from '../database.types.js';
import { KyselyAccessTokenRepository } from '../kysely/kysely-access-tokens.repository.js';
import {
  ACCESS_TOKEN_COLUMNS,
  ACCESS_TOKEN_SQLITE_PARAMETERS,
  accessTokenFromRow,
  accessTokenValues,
  type AccessTokenValues,
} from '../mapping/access-token.mapping.js';
import type { AccessTokenRecord } from '../ports.js';
import type { SqliteBusyWait } from './sqlite-busy-wait.js';
import type { SqliteGroupCommit } from './sqlite-group-commit.js';
import { preparedOnce, type LazyStatement } from './sqlite-prepared.js';

/**
 * SQLite access tokens: the inserts and `findByHash` run better-sqlite3 statements prepared once (inserts in group
 * commits, where `insertIfClientUnchanged` reads each client's version once per commit, under the write lock); the
 * rest is Kysely.
 */
export class SqliteAccessTokenRepository extends KyselyAccessTokenRepository {
  readonly #insert: LazyStatement<AccessTokenValues>;
  readonly #clientVersion: LazyStatement<[string], { updated_at: number }>;
  /** The client versions read during the group commit numbered `#versionsOfCommit`. */
  readonly #versions = new Map<string, number | undefined>();
  #versionsOfCommit = -1;
  readonly #findByHash: LazyStatement<[string], Selectable<AccessTokensTable>>;
  readonly #writes: SqliteGroupCommit;
  readonly #busyWait: SqliteBusyWait;

  constructor(database: Database, db: Kysely<ObasDatabase>, writes: SqliteGroupCommit, busyWait: SqliteBusyWait) {
    super(db);
    this.#writes = writes;
    this.#busyWait = busyWait;
    this.#insert = preparedOnce(
      database,
      `INSERT INTO access_tokens (${ACCESS_TOKEN_COLUMNS}) VALUES (${ACCESS_TOKEN_SQLITE_PARAMETERS})`,
    );
    this.#clientVersion = preparedOnce(database, 'SELECT updated_at FROM clients WHERE client_id = ?');
    this.#findByHash = preparedOnce(database, `SELECT ${ACCESS_TOKEN_COLUMNS} FROM access_tokens WHERE token_hash = ?`);
  }

  // The inserts return the group commit's own promise (no async wrapper: they run for every token issued).
  insert(token: AccessTokenRecord): Promise<void> {
    const values = accessTokenValues(token);
    return this.#writes.write(() => {
      this.#insert().run(...values);
    });
  }

  insertIfClientUnchanged(token: AccessTokenRecord, clientUpdatedAt: Date): Promise<boolean> {
    const values = accessTokenValues(token);
    const expected = clientUpdatedAt.getTime();
    return this.#writes.write(() => {
      if (this.#versionInThisCommit(token.clientId) !== expected) return false;
      this.#insert().run(...values);
      return true;
    });
  }

  /** The client's `updated_at`, read once per group commit: its statements hold the write lock, so it cannot change. */
  #versionInThisCommit(clientId: string): number | undefined {
    if (this.#versionsOfCommit !== this.#writes.commitNumber) {
      this.#versions.clear();
      this.#versionsOfCommit = this.#writes.commitNumber;
    }
    if (!this.#versions.has(clientId)) this.#versions.set(clientId, this.#clientVersion().get(clientId)?.updated_at);
    return this.#versions.get(clientId);
  }

  async findByHash(tokenHash: string): Promise<AccessTokenRecord | undefined> {
    const row = await this.#busyWait.read(() => this.#findByHash().get(tokenHash));
    return row === undefined ? undefined : accessTokenFromRow(row);
  }
}
