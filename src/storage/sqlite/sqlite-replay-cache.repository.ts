import type { Database } from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { ObasDatabase } from '../database.types.js';
import { KyselyReplayCacheRepository } from '../kysely/kysely-replay-cache.repository.js';
import type { SqliteGroupCommit } from './sqlite-group-commit.js';
import { preparedOnce, type LazyStatement } from './sqlite-prepared.js';

/**
 * SQLite replay cache: `claimOnce` is one upsert (prepared once) that inserts the id or takes over an expired row; a
 * live row is left alone and the statement changes nothing. SQLite serialises writers, so this holds across processes;
 * the result is known when the statement runs and reported once its group commit is durable.
 */
export class SqliteReplayCacheRepository extends KyselyReplayCacheRepository {
  readonly #claim: LazyStatement<[string, string, number, number]>;
  readonly #writes: SqliteGroupCommit;

  constructor(database: Database, db: Kysely<ObasDatabase>, writes: SqliteGroupCommit) {
    super(db);
    this.#writes = writes;
    this.#claim = preparedOnce(
      database,
      `INSERT INTO replay_cache (namespace, id, expires_at) VALUES (?, ?, ?)
       ON CONFLICT (namespace, id) DO UPDATE SET expires_at = excluded.expires_at
       WHERE replay_cache.expires_at <= ?`,
    );
  }

  claimOnce(namespace: string, id: string, expiresAt: Date, now: Date): Promise<boolean> {
    const expires = expiresAt.getTime();
    const at = now.getTime();
    return this.#writes.write(() => this.#claim().run(namespace, id, expires, at).changes === 1);
  }
}
