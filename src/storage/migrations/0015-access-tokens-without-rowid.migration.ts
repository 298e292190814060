import { sql, type Kysely, type Migration } from 'kysely';
import { isPostgres } from './migration-dialect.js';
import { createUnkeyedExpiryIndex } from './unkeyed-expiry-index.js';

/** The columns of `access_tokens` as migration 0014 left them, in order. */
const ACCESS_TOKEN_COLUMNS = [
  'token_hash',
  'client_id',
  'scope',
  'format',
  'issued_at',
  'expires_at',
  'certificate_thumbprint',
  'subject',
  'grant_id',
  'revoked_at',
  'dpop_jkt',
  'client_created_at',
] as const;

/** The name the rebuilt table has until the old one is dropped. */
const REBUILT = 'access_tokens_rebuilt';

/**
 * On SQLite, access tokens are stored in their key's own B-tree (a `WITHOUT ROWID` table): before, a token was written
 * twice, to the table by rowid and to the primary-key index by key, so each commit wrote one more page to the WAL.
 * Measured with `bench/sqlite-commit-cost.mjs` (obas's schema and pragmas): a commit of one token 25–26 µs of CPU and
 * 6.7 KB of WAL instead of 29–38 µs and 9.9 KB; in commits of 16, the same CPU per token and 1.5 KB of WAL instead of
 * 1.7 KB; the table about a fifth smaller. The table is rebuilt: every row
 * is copied, in the migration's transaction, then the old table is dropped (about 2 s per million tokens here, under
 * the write lock; the old table's pages stay in the file, free for the next writes, until a `VACUUM`). PostgreSQL stores
 * rows apart from every index whatever the table's definition, so nothing changes there.
 */
export const accessTokensWithoutRowidMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    if (isPostgres(db)) return;
    await db.schema
      .createTable(REBUILT)
      .addColumn('token_hash', 'text', (column) => column.primaryKey().notNull())
      .addColumn('client_id', 'text', (column) => column.notNull())
      .addColumn('scope', 'text', (column) => column.notNull())
      .addColumn('format', 'text', (column) => column.notNull().check(sql`format in ('opaque', 'jwt')`))
      .addColumn('issued_at', 'bigint', (column) => column.notNull())
      .addColumn('expires_at', 'bigint', (column) => column.notNull())
      .addColumn('certificate_thumbprint', 'text')
      .addColumn('subject', 'text')
      .addColumn('grant_id', 'text')
      .addColumn('revoked_at', 'bigint')
      .addColumn('dpop_jkt', 'text')
      .addColumn('client_created_at', 'bigint')
      .modifyEnd(sql`without rowid`)
      .execute();
    const columns = sql.join(ACCESS_TOKEN_COLUMNS.map((column) => sql.ref(column)));
    await sql`INSERT INTO ${sql.table(REBUILT)} (${columns}) SELECT ${columns} FROM access_tokens`.execute(db);
    await db.schema.dropTable('access_tokens').execute();
    await db.schema.alterTable(REBUILT).renameTo('access_tokens').execute();
    await createUnkeyedExpiryIndex(db);
  },
};
