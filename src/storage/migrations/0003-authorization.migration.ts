import { sql, type Kysely, type Migration } from 'kysely';
import { jsonColumnType } from './migration-dialect.js';

/**
 * PSU authorization: pushed authorization requests (RFC 9126), authorization codes (RFC 6749 §4.1), grants (the PSU's
 * authorization of a client), refresh tokens (RFC 6749 §6), PSU interactions (server-side sessions) and intents
 * (consents to authorise). Request URIs, codes, refresh tokens and session ids appear only as SHA-256 hashes. Times are
 * epoch milliseconds.
 */
export const authorizationMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const json = jsonColumnType(db);
    await db.schema
      .createTable('pushed_requests')
      .addColumn('request_uri_hash', 'text', (column) => column.primaryKey())
      .addColumn('client_id', 'text', (column) => column.notNull())
      .addColumn('parameters', json, (column) => column.notNull())
      .addColumn('signed', 'integer', (column) => column.notNull().check(sql`signed in (0, 1)`))
      .addColumn('created_at', 'bigint', (column) => column.notNull())
      .addColumn('expires_at', 'bigint', (column) => column.notNull())
      .addColumn('consumed_at', 'bigint')
      .execute();
    await db.schema.createIndex('pushed_requests_expires_at_idx').on('pushed_requests').column('expires_at').execute();

    await db.schema
      .createTable('grants')
      .addColumn('grant_id', 'text', (column) => column.primaryKey())
      .addColumn('client_id', 'text', (column) => column.notNull())
      .addColumn('subject', 'text', (column) => column.notNull())
      .addColumn('scope', 'text', (column) => column.notNull())
      .addColumn('accounts', json, (column) => column.notNull())
      .addColumn('intent_id', 'text')
      .addColumn('acr', 'text')
      .addColumn('auth_time', 'bigint', (column) => column.notNull())
      .addColumn('created_at', 'bigint', (column) => column.notNull())
      .addColumn('expires_at', 'bigint', (column) => column.notNull())
      .addColumn('revoked_at', 'bigint')
      .execute();
    await db.schema.createIndex('grants_expires_at_idx').on('grants').column('expires_at').execute();

    await db.schema
      .createTable('authorization_codes')
      .addColumn('code_hash', 'text', (column) => column.primaryKey())
      .addColumn('client_id', 'text', (column) => column.notNull())
      .addColumn('grant_id', 'text', (column) => column.notNull())
      .addColumn('redirect_uri', 'text', (column) => column.notNull())
      .addColumn('code_challenge', 'text', (column) => column.notNull())
      .addColumn('nonce', 'text')
      .addColumn('issued_at', 'bigint', (column) => column.notNull())
      .addColumn('expires_at', 'bigint', (column) => column.notNull())
      .addColumn('consumed_at', 'bigint')
      .execute();
    await db.schema.createIndex('authorization_codes_expires_at_idx').on('authorization_codes').column('expires_at').execute();

    await db.schema
      .createTable('refresh_tokens')
      .addColumn('token_hash', 'text', (column) => column.primaryKey())
      .addColumn('grant_id', 'text', (column) => column.notNull())
      .addColumn('client_id', 'text', (column) => column.notNull())
      .addColumn('scope', 'text', (column) => column.notNull())
      .addColumn('certificate_thumbprint', 'text')
      .addColumn('issued_at', 'bigint', (column) => column.notNull())
      .addColumn('expires_at', 'bigint', (column) => column.notNull())
      .addColumn('parent_hash', 'text')
      .addColumn('rotated_at', 'bigint')
      .addColumn('grace_used_at', 'bigint')
      .addColumn('revoked_at', 'bigint')
      .execute();
    await db.schema.createIndex('refresh_tokens_grant_id_idx').on('refresh_tokens').column('grant_id').execute();
    await db.schema.createIndex('refresh_tokens_parent_hash_idx').on('refresh_tokens').column('parent_hash').execute();
    await db.schema.createIndex('refresh_tokens_expires_at_idx').on('refresh_tokens').column('expires_at').execute();

    await db.schema
      .createTable('interactions')
      .addColumn('interaction_hash', 'text', (column) => column.primaryKey())
      .addColumn('client_id', 'text', (column) => column.notNull())
      .addColumn('request', json, (column) => column.notNull())
      .addColumn('stage', 'text', (column) =>
        column.notNull().check(sql`stage in ('login', 'second-factor', 'consent', 'done')`),
      )
      .addColumn('subject', 'text')
      .addColumn('auth_time', 'bigint')
      .addColumn('otp_hash', 'text')
      .addColumn('failed_attempts', 'integer', (column) => column.notNull())
      .addColumn('created_at', 'bigint', (column) => column.notNull())
      .addColumn('expires_at', 'bigint', (column) => column.notNull())
      .execute();
    await db.schema.createIndex('interactions_expires_at_idx').on('interactions').column('expires_at').execute();

    await db.schema
      .createTable('intents')
      .addColumn('intent_id', 'text', (column) => column.primaryKey())
      .addColumn('client_id', 'text', (column) => column.notNull())
      .addColumn('kind', 'text', (column) =>
        column.notNull().check(sql`kind in ('account-access', 'payment', 'funds-confirmation')`),
      )
      .addColumn('status', 'text', (column) =>
        column.notNull().check(sql`status in ('AwaitingAuthorisation', 'Authorised', 'Rejected')`),
      )
      .addColumn('details', json, (column) => column.notNull())
      .addColumn('created_at', 'bigint', (column) => column.notNull())
      .addColumn('status_updated_at', 'bigint', (column) => column.notNull())
      .addColumn('expires_at', 'bigint')
      .addColumn('subject', 'text')
      .addColumn('accounts', json)
      .execute();
  },
};
