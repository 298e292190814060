import { sql, type Kysely } from 'kysely';
import { TIME_KEYED_TOKEN_KEY_LENGTH } from '../token-key-layout.js';

/**
 * Creates `access_tokens_unkeyed_expires_at_idx`: the expiry of access tokens keyed by their hash alone (stored before
 * keys started with the issue time, `token-key-layout.ts`), the only ones housekeeping cannot find by key range.
 */
export async function createUnkeyedExpiryIndex(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('access_tokens_unkeyed_expires_at_idx')
    .on('access_tokens')
    .column('expires_at')
    .where(sql`length(token_hash)`, '<>', sql.lit(TIME_KEYED_TOKEN_KEY_LENGTH))
    .execute();
}
