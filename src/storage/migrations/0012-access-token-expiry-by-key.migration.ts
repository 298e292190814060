import type { Kysely, Migration } from 'kysely';
import { createUnkeyedExpiryIndex } from './unkeyed-expiry-index.js';

/**
 * Access tokens lose their index on `expires_at`, which every issued token wrote to (about a fifth of the WAL bytes
 * of a token insert on SQLite). Housekeeping finds expired tokens by their key instead, which starts with the issue
 * time (`token-key-layout.ts`): a token issued longer than the access-token lifetime ago has expired. Tokens of
 * earlier versions, keyed by hash alone, keep an index on `expires_at` of their own, which no new token is written to.
 * On PostgreSQL, building that index locks the table's writes while it runs.
 */
export const accessTokenExpiryByKeyMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await createUnkeyedExpiryIndex(db);
    await db.schema.dropIndex('access_tokens_expires_at_idx').ifExists().execute();
  },
};
