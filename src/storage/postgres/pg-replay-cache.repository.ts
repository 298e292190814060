import type { Kysely } from 'kysely';
import type { Pool } from 'pg';
import type { ObasDatabase } from '../database.types.js';
import { KyselyReplayCacheRepository } from '../kysely/kysely-replay-cache.repository.js';

const CLAIM_SQL = `INSERT INTO replay_cache (namespace, id, expires_at) VALUES ($1, $2, $3)
  ON CONFLICT (namespace, id) DO UPDATE SET expires_at = excluded.expires_at
  WHERE replay_cache.expires_at <= $4`;

/**
 * PostgreSQL replay cache: `claimOnce` is one upsert (named prepared statement). `ON CONFLICT DO UPDATE` is atomic
 * under concurrency: of several sessions claiming one id, one inserts (or takes over the expired row) and the others
 * re-check the `WHERE` against the row it committed, find it live, and change nothing.
 */
export class PgReplayCacheRepository extends KyselyReplayCacheRepository {
  readonly #pool: Pool;

  constructor(pool: Pool, db: Kysely<ObasDatabase>) {
    super(db);
    this.#pool = pool;
  }

  async claimOnce(namespace: string, id: string, expiresAt: Date, now: Date): Promise<boolean> {
    const { rowCount } = await this.#pool.query({
      name: 'obas_claim_replay_id',
      text: CLAIM_SQL,
      values: [namespace, id, expiresAt.getTime(), now.getTime()],
    });
    return rowCount === 1;
  }
}
