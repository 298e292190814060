import { PostgresAdapter, type Kysely } from 'kysely';

/**
 * Column type for a JSON document: `jsonb` on PostgreSQL, `text` on SQLite. Migrations are otherwise written once for
 * both dialects with the Kysely schema builder.
 */
export function jsonColumnType(db: Kysely<unknown>): 'jsonb' | 'text' {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'jsonb' : 'text';
}
