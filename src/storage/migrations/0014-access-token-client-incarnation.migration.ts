import type { Kysely, Migration } from 'kysely';

/**
 * Access tokens record which client they were issued to, not only its client_id: `client_created_at` is the
 * `created_at` of the client record the token request was authenticated on. A client_id deleted and registered or
 * configured again is another client with another `created_at`, so the token lookup (`src/tokens/token-lookup.ts`)
 * tells its predecessor's tokens apart by equality, with no clock involved. Tokens stored before this migration have
 * NULL there and are judged by the second they were issued, as before. Adding a nullable column rewrites no row on
 * either database.
 */
export const accessTokenClientIncarnationMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('access_tokens').addColumn('client_created_at', 'bigint').execute();
  },
};
