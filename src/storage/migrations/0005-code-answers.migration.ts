import type { Kysely, Migration } from 'kysely';

/**
 * Adds two columns to authorization codes: `replayed_at`, when a replay of the consumed code first arrived (the replay
 * revokes the code's grant, RFC 6749 §4.1.2), and `answered_at`, when the winning redemption answered. Versions of
 * that time revoked the grant on whichever of the two landed second; `answered_at` is no longer written (a replay
 * revokes at once, and the winner reads its grant in the statement that consumes the code), and stays so that an
 * instance of such a version can run beside this one during an upgrade.
 */
export const codeAnswersMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('authorization_codes').addColumn('answered_at', 'bigint').execute();
    await db.schema.alterTable('authorization_codes').addColumn('replayed_at', 'bigint').execute();
  },
};
