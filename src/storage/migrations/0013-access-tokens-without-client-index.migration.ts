import type { Kysely, Migration } from 'kysely';

/**
 * Access tokens lose their index on `client_id`. Deleting a client no longer rewrites its access tokens: every check
 * of an access token consults its client (`src/tokens/token-lookup.ts`), and a token counts only if the client it was
 * issued to exists (by clock until migration 0014, exactly since), so a deleted client's tokens are dead at once and
 * stay dead if the client_id comes back. The index only served that rewrite, yet every issued token wrote to it: on SQLite about a
 * fifth of the CPU and a third of the WAL bytes of a one-token commit (`bench/sqlite-commit-cost.mjs`).
 */
export const accessTokensWithoutClientIndexMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropIndex('access_tokens_client_id_idx').ifExists().execute();
  },
};
