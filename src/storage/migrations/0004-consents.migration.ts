import { sql, type Kysely, type Migration } from 'kysely';
import { jsonColumnType } from './migration-dialect.js';

/**
 * One consent domain: `consents` replaces `intents` (the UK OB consent resources of v3.1.11 and v4.0, and the consents
 * STET and FAPI 2.0 authorizations create), with the full lifecycle (Revoked, Expired, Consumed), the status reason,
 * the authorisation deadline and the idempotency key of payment consents. Grants are found by consent for cascading
 * revocation. Staged intents of the previous schema carry over as account-access or payment consents awaiting
 * authorisation no more: they were never in a UK shape, so they end Rejected.
 */
export const consentsMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const json = jsonColumnType(db);
    await db.schema
      .createTable('consents')
      .addColumn('consent_id', 'text', (column) => column.primaryKey())
      .addColumn('client_id', 'text', (column) => column.notNull())
      .addColumn('kind', 'text', (column) =>
        column
          .notNull()
          .check(
            sql`kind in ('account-access', 'domestic-payment', 'domestic-scheduled-payment', 'domestic-standing-order', 'funds-confirmation', 'authorization')`,
          ),
      )
      .addColumn('api_version', 'text', (column) => column.check(sql`api_version in ('v3.1', 'v4.0')`))
      .addColumn('status', 'text', (column) =>
        column.notNull().check(sql`status in ('AwaitingAuthorisation', 'Authorised', 'Rejected', 'Revoked', 'Expired', 'Consumed')`),
      )
      .addColumn('status_reason', 'text')
      .addColumn('details', json, (column) => column.notNull())
      .addColumn('created_at', 'bigint', (column) => column.notNull())
      .addColumn('status_updated_at', 'bigint', (column) => column.notNull())
      .addColumn('expires_at', 'bigint')
      .addColumn('authorisation_expires_at', 'bigint', (column) => column.notNull())
      .addColumn('subject', 'text')
      .addColumn('accounts', json)
      .addColumn('idempotency_key', 'text')
      .addColumn('request_hash', 'text')
      .execute();
    await db.schema.createIndex('consents_subject_idx').on('consents').columns(['subject', 'created_at']).execute();
    await db.schema.createIndex('consents_status_idx').on('consents').columns(['status', 'status_updated_at']).execute();
    await db.schema
      .createIndex('consents_idempotency_idx')
      .on('consents')
      .columns(['client_id', 'idempotency_key'])
      .unique()
      .where(sql.ref('idempotency_key'), 'is not', null)
      .execute();
    await sql`INSERT INTO consents (consent_id, client_id, kind, status, status_reason, details, created_at, status_updated_at, expires_at, authorisation_expires_at, subject, accounts)
      SELECT intent_id, client_id, CASE kind WHEN 'payment' THEN 'domestic-payment' ELSE kind END,
             CASE status WHEN 'AwaitingAuthorisation' THEN 'Rejected' ELSE status END, NULL, details, created_at, status_updated_at, expires_at, created_at, subject, accounts
      FROM intents`.execute(db);
    await db.schema.dropTable('intents').execute();
    await db.schema.createIndex('grants_intent_id_idx').on('grants').column('intent_id').execute();
  },
};
