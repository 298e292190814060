import { sql, type Kysely, type Migration } from 'kysely';

/** The indexes of a nullable column that only its non-null values are looked up by. */
const PARTIAL_INDEXES = [
  { table: 'access_tokens', column: 'grant_id', index: 'access_tokens_grant_id_idx' },
  { table: 'refresh_tokens', column: 'parent_hash', index: 'refresh_tokens_parent_hash_idx' },
] as const;

/**
 * Access tokens of `client_credentials` have no grant, and refresh tokens that were never rotated have no parent: their
 * indexes on `access_tokens.grant_id` and `refresh_tokens.parent_hash` now hold the non-null values only, so issuing
 * such a token no longer writes an index entry nobody looks up (every lookup is `column = value` or `column IN (…)`,
 * which implies `IS NOT NULL`). On PostgreSQL, rebuilding the index locks the table's writes while it runs.
 */
export const partialTokenIndexesMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    for (const { table, column, index } of PARTIAL_INDEXES) {
      await db.schema.dropIndex(index).execute();
      await db.schema.createIndex(index).on(table).column(column).where(sql.ref(column), 'is not', null).execute();
    }
  },
};
