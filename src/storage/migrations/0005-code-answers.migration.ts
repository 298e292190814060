import type { Kysely, Migration } from 'kysely';

/**
 * Parallel redemptions of one authorization code end with exactly one winner: `answered_at` records when the winner's
 * tokens were issued, `replayed_at` when a replay of the consumed code arrived. Whichever of the two lands second
 * revokes the grant (RFC 6749 §4.1.2), so a replay racing the winner can no longer revoke the grant before the winner
 * has issued its tokens, and a replay after the answer still does.
 */
export const codeAnswersMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('authorization_codes').addColumn('answered_at', 'bigint').execute();
    await db.schema.alterTable('authorization_codes').addColumn('replayed_at', 'bigint').execute();
  },
};
