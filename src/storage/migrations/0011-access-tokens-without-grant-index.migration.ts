import type { Kysely, Migration } from 'kysely';

/**
 * Access tokens lose their index on `grant_id`. Revoking a grant no longer rewrites the access tokens issued under it:
 * every check of an access token consults its grant (`src/tokens/token-lookup.ts`), so a revoked, expired or deleted
 * grant deactivates them without touching their rows. The index only served those rewrites, and cost every
 * grant-bound token (authorization code, refresh, CIBA) one write to a page of its grant's range of the index: with
 * many live grants, a page of its own per token, which slowed issuance as the table grew.
 */
export const accessTokensWithoutGrantIndexMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropIndex('access_tokens_grant_id_idx').ifExists().execute();
  },
};
