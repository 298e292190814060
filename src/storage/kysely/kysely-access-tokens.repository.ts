import type { Kysely } from 'kysely';
import type { ObasDatabase } from '../database.types.js';
import type { AccessTokenRecord, AccessTokenRepository } from '../ports.js';
import { deleteExpiredAccessTokens } from './expired-rows.js';

/**
 * The dialect-independent part of {@link AccessTokenRepository} (revocation and clean-up), written once with Kysely.
 * Each adapter adds `insert`, `insertIfClientUnchanged` and `findByHash`, the hot path, as statements prepared once
 * with its own driver.
 */
export abstract class KyselyAccessTokenRepository implements AccessTokenRepository {
  protected constructor(protected readonly db: Kysely<ObasDatabase>) {}

  abstract insert(token: AccessTokenRecord): Promise<void>;

  abstract insertIfClientUnchanged(token: AccessTokenRecord, clientUpdatedAt: Date): Promise<boolean>;

  abstract findByHash(tokenHash: string): Promise<AccessTokenRecord | undefined>;

  /** RFC 7009 §2.1: only the client the token was issued to may revoke it; one conditional UPDATE. */
  async revoke(tokenHash: string, clientId: string, now: Date): Promise<boolean> {
    const result = await this.db
      .updateTable('access_tokens')
      .set({ revoked_at: now.getTime() })
      .where('token_hash', '=', tokenHash)
      .where('client_id', '=', clientId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  deleteExpired(before: Date, issuedBefore: Date): Promise<number> {
    return deleteExpiredAccessTokens(this.db, before, issuedBefore);
  }
}
