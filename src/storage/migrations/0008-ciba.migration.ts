import { sql, type Kysely, type Migration } from 'kysely';

/**
 * CIBA backchannel authentication requests (OpenID CIBA Core 1.0 §7), keyed by the SHA-256 of their `auth_req_id`.
 * A row holds what the approval needs to create the same grant and consent as the redirect flow (client, PSU, scope,
 * acr, staged consent), the poll state of `slow_down` (last poll, interval, whether the last poll came too fast) and
 * the decision (grant) and issuance markers that make tokens issue exactly once.
 *
 * Ping mode (§10.2) must send the `auth_req_id` and the client's `client_notification_token` back to the client, so
 * `ping_auth_req_id` and `ping_token` hold them in clear: only for ping clients, only until the PSU's decision hands
 * them to the notifier (then they are erased), and never longer than the row (deleted after expiry). Neither is a
 * credential at obas: the token is the client's own, authenticating obas to the client; the identifier is worth nothing
 * without the client's authentication at the token endpoint. There is no key obas processes share to encrypt them with.
 * Times are epoch milliseconds.
 */
export const cibaMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('backchannel_requests')
      .addColumn('request_hash', 'text', (column) => column.primaryKey())
      .addColumn('client_id', 'text', (column) => column.notNull())
      .addColumn('subject', 'text', (column) => column.notNull())
      .addColumn('scope', 'text', (column) => column.notNull())
      .addColumn('acr', 'text')
      .addColumn('binding_message', 'text')
      .addColumn('intent_id', 'text')
      .addColumn('delivery_mode', 'text', (column) => column.notNull().check(sql`delivery_mode in ('poll', 'ping')`))
      .addColumn('ping_auth_req_id', 'text')
      .addColumn('ping_token', 'text')
      .addColumn('status', 'text', (column) => column.notNull().check(sql`status in ('pending', 'approved', 'denied', 'issued')`))
      .addColumn('created_at', 'bigint', (column) => column.notNull())
      .addColumn('expires_at', 'bigint', (column) => column.notNull())
      .addColumn('interval_seconds', 'integer', (column) => column.notNull().check(sql`interval_seconds > 0`))
      .addColumn('last_polled_at', 'bigint')
      .addColumn('last_poll_too_fast', 'integer', (column) => column.notNull().defaultTo(0).check(sql`last_poll_too_fast in (0, 1)`))
      .addColumn('decided_at', 'bigint')
      .addColumn('grant_id', 'text')
      .addColumn('issued_at', 'bigint')
      .addCheckConstraint('backchannel_requests_ping_check', sql`(ping_token is null) = (ping_auth_req_id is null) and (delivery_mode = 'ping' or ping_token is null)`)
      .addCheckConstraint('backchannel_requests_grant_check', sql`(status in ('approved', 'issued')) = (grant_id is not null)`)
      .execute();
    await db.schema.createIndex('backchannel_requests_subject_idx').on('backchannel_requests').columns(['subject', 'status', 'created_at']).execute();
    await db.schema.createIndex('backchannel_requests_expires_at_idx').on('backchannel_requests').column('expires_at').execute();
  },
};
