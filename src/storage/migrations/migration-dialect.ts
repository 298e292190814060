import { PostgresAdapter, type Kysely } from 'kysely';

/**
 * Column type for a JSON document: `jsonb` on PostgreSQL, `text` on SQLite. Migrations are otherwise written once for
 * both dialects with the Kysely schema builder.
 */
export function jsonColumnType(db: Kysely<unknown>): 'jsonb' | 'text' {
  return isPostgres(db) ? 'jsonb' : 'text';
}

/** Whether a migration runs on PostgreSQL (otherwise SQLite): for the few steps only one of them needs. */
export function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
