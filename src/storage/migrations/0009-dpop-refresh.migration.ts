import type { Kysely, Migration } from 'kysely';

/**
 * DPoP at refresh (RFC 9449 §5): `refresh_tokens.dpop_bound` is 1 when the token was issued with a DPoP-bound access
 * token, so refreshing it needs a DPoP proof again (of any key: a confidential client's refresh token is bound to the
 * client, not to the DPoP key); null otherwise.
 */
export const dpopRefreshMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('refresh_tokens').addColumn('dpop_bound', 'integer').execute();
  },
};
