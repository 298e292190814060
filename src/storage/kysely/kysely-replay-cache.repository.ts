import type { Kysely } from 'kysely';
import type { ObasDatabase } from '../database.types.js';
import type { ReplayCacheRepository } from '../ports.js';
import { deleteExpiredRows } from './expired-rows.js';

/**
 * The dialect-independent part of {@link ReplayCacheRepository} (clean-up), written once with Kysely. Each adapter
 * adds `claimOnce`, the hot path, as one atomic upsert prepared once with its own driver.
 */
export abstract class KyselyReplayCacheRepository implements ReplayCacheRepository {
  protected constructor(protected readonly db: Kysely<ObasDatabase>) {}

  abstract claimOnce(namespace: string, id: string, expiresAt: Date, now: Date): Promise<boolean>;

  deleteExpired(before: Date): Promise<number> {
    return deleteExpiredRows(this.db, 'replay_cache', before);
  }
}
