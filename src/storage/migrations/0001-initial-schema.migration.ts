import { sql, type Kysely, type Migration } from 'kysely';
import { jsonColumnType } from './migration-dialect.js';

/**
 * Clients, access tokens and the replay cache. Secrets appear only as hashes: `secret_hash` (slow KDF string) and
 * SHA-256 of the registration access token (RFC 7592 §3) and of every access token (RFC 6749 §10.3 confidentiality).
 * Times are epoch milliseconds.
 */
export const initialSchemaMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('clients')
      .addColumn('client_id', 'text', (column) => column.primaryKey())
      .addColumn('metadata', jsonColumnType(db), (column) => column.notNull())
      .addColumn('secret_hash', 'text')
      .addColumn('registration_access_token_hash', 'text', (column) => column.unique())
      .addColumn('source', 'text', (column) => column.notNull().check(sql`source in ('config', 'dcr')`))
      .addColumn('created_at', 'bigint', (column) => column.notNull())
      .addColumn('updated_at', 'bigint', (column) => column.notNull())
      .execute();

    await db.schema
      .createTable('access_tokens')
      .addColumn('token_hash', 'text', (column) => column.primaryKey())
      .addColumn('client_id', 'text', (column) => column.notNull())
      .addColumn('scope', 'text', (column) => column.notNull())
      .addColumn('format', 'text', (column) => column.notNull().check(sql`format in ('opaque', 'jwt')`))
      .addColumn('issued_at', 'bigint', (column) => column.notNull())
      .addColumn('expires_at', 'bigint', (column) => column.notNull())
      .addColumn('certificate_thumbprint', 'text')
      .addColumn('subject', 'text')
      .addColumn('grant_id', 'text')
      .addColumn('revoked_at', 'bigint')
      .execute();
    await db.schema.createIndex('access_tokens_client_id_idx').on('access_tokens').column('client_id').execute();
    await db.schema.createIndex('access_tokens_grant_id_idx').on('access_tokens').column('grant_id').execute();
    await db.schema.createIndex('access_tokens_expires_at_idx').on('access_tokens').column('expires_at').execute();

    await db.schema
      .createTable('replay_cache')
      .addColumn('namespace', 'text', (column) => column.notNull())
      .addColumn('id', 'text', (column) => column.notNull())
      .addColumn('expires_at', 'bigint', (column) => column.notNull())
      .addPrimaryKeyConstraint('replay_cache_pkey', ['namespace', 'id'])
      .execute();
    await db.schema.createIndex('replay_cache_expires_at_idx').on('replay_cache').column('expires_at').execute();
  },
};
