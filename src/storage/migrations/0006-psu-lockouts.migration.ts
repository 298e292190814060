import type { Kysely, Migration } from 'kysely';

/**
 * Failed PSU sign-ins per normalised username, known to the PSU directory or not (`PsuLockoutRepository`): the
 * failures towards the next lock, the end of the last lock (0 before any), the length of the next one (the back-off)
 * and when all of it is forgotten, which housekeeping uses to delete rows. Times in epoch milliseconds.
 */
export const psuLockoutsMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('psu_lockouts')
      .addColumn('username', 'text', (column) => column.primaryKey())
      .addColumn('failures', 'integer', (column) => column.notNull())
      .addColumn('locked_until', 'bigint', (column) => column.notNull())
      .addColumn('next_lock_ms', 'bigint', (column) => column.notNull())
      .addColumn('reset_at', 'bigint', (column) => column.notNull())
      .execute();
    await db.schema.createIndex('psu_lockouts_reset_at_idx').on('psu_lockouts').column('reset_at').execute();
    await db.schema.createIndex('psu_lockouts_locked_until_idx').on('psu_lockouts').column('locked_until').execute();
  },
};
