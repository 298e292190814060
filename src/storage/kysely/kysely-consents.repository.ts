import { sql, type Kysely } from 'kysely';
import type { ObasDatabase } from '../database.types.js';
import { consentFromRow } from '../mapping/consent.mapping.js';
import type { ConsentRecord, ConsentRepository, ConsentStatus, ConsentTransition } from '../ports.js';

const ENDED: readonly ConsentStatus[] = ['Rejected', 'Revoked', 'Expired', 'Consumed'];

/**
 * {@link ConsentRepository} for SQLite and PostgreSQL alike: every status change is one conditional
 * `UPDATE … RETURNING`, idempotent creation one `INSERT … ON CONFLICT DO NOTHING` on the unique (client, key) index.
 */
export class KyselyConsentRepository implements ConsentRepository {
  constructor(private readonly db: Kysely<ObasDatabase>) {}

  async insert(consent: ConsentRecord): Promise<void> {
    await this.db.insertInto('consents').values(this.#values(consent)).execute();
  }

  async insertIdempotent(consent: ConsentRecord & { readonly idempotencyKey: string }, since: Date): Promise<ConsentRecord> {
    // A key older than the window is released first, so the insert below can take it over.
    await this.db
      .updateTable('consents')
      .set({ idempotency_key: null })
      .where('client_id', '=', consent.clientId)
      .where('idempotency_key', '=', consent.idempotencyKey)
      .where('created_at', '<', since.getTime())
      .execute();
    await this.db
      .insertInto('consents')
      .values(this.#values(consent))
      .onConflict((conflict) => conflict.columns(['client_id', 'idempotency_key']).where('idempotency_key', 'is not', null).doNothing())
      .execute();
    const row = await this.db
      .selectFrom('consents')
      .selectAll()
      .where('client_id', '=', consent.clientId)
      .where('idempotency_key', '=', consent.idempotencyKey)
      .executeTakeFirstOrThrow();
    return consentFromRow(row);
  }

  async find(consentId: string): Promise<ConsentRecord | undefined> {
    const row = await this.db.selectFrom('consents').selectAll().where('consent_id', '=', consentId).executeTakeFirst();
    return row === undefined ? undefined : consentFromRow(row);
  }

  async listBySubject(subject: string): Promise<ConsentRecord[]> {
    const rows = await this.db.selectFrom('consents').selectAll().where('subject', '=', subject).orderBy('created_at', 'desc').limit(500).execute();
    return rows.map(consentFromRow);
  }

  async transition(consentId: string, change: ConsentTransition, now: Date): Promise<ConsentRecord | undefined> {
    const at = now.getTime();
    let update = this.db
      .updateTable('consents')
      .set({
        status: change.to,
        status_reason: change.reason ?? null,
        status_updated_at: at,
        ...(change.decision === undefined ? {} : { subject: change.decision.subject, accounts: JSON.stringify(change.decision.accounts) }),
        ...(change.expiresAtUnlessSet === undefined ? {} : { expires_at: sql<number>`coalesce(expires_at, ${change.expiresAtUnlessSet.getTime()})` }),
      })
      .where('consent_id', '=', consentId)
      .where('status', 'in', change.from);
    if (change.clientId !== undefined) update = update.where('client_id', '=', change.clientId);
    if (change.subject !== undefined) update = update.where('subject', '=', change.subject);
    if (change.from.includes('AwaitingAuthorisation')) {
      update = update.where((eb) => eb.or([eb('status', '!=', 'AwaitingAuthorisation'), eb('authorisation_expires_at', '>', at)]));
    }
    if (change.from.includes('Authorised') && change.to !== 'Expired') {
      update = update.where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', at)]));
    }
    const row = await update.returningAll().executeTakeFirst();
    return row === undefined ? undefined : consentFromRow(row);
  }

  async expireDue(now: Date): Promise<number> {
    const at = now.getTime();
    const rejected = await this.db
      .updateTable('consents')
      .set({ status: 'Rejected', status_reason: 'authorisation_window_passed', status_updated_at: at })
      .where('status', '=', 'AwaitingAuthorisation')
      .where('authorisation_expires_at', '<=', at)
      .executeTakeFirst();
    const expired = await this.db
      .updateTable('consents')
      .set({ status: 'Expired', status_reason: 'consent_expired', status_updated_at: at })
      .where('status', '=', 'Authorised')
      .where('expires_at', '<=', at)
      .executeTakeFirst();
    return Number(rejected.numUpdatedRows) + Number(expired.numUpdatedRows);
  }

  async deleteEndedBefore(before: Date): Promise<number> {
    const result = await this.db
      .deleteFrom('consents')
      .where('status', 'in', ENDED)
      .where('status_updated_at', '<', before.getTime())
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  #values(consent: ConsentRecord) {
    return {
      consent_id: consent.consentId,
      client_id: consent.clientId,
      kind: consent.kind,
      api_version: consent.apiVersion ?? null,
      status: consent.status,
      status_reason: consent.statusReason ?? null,
      details: JSON.stringify(consent.details),
      created_at: consent.createdAt.getTime(),
      status_updated_at: consent.statusUpdatedAt.getTime(),
      expires_at: consent.expiresAt?.getTime() ?? null,
      authorisation_expires_at: consent.authorisationExpiresAt.getTime(),
      subject: consent.subject ?? null,
      accounts: consent.accounts === undefined ? null : JSON.stringify(consent.accounts),
      idempotency_key: consent.idempotencyKey ?? null,
      request_hash: consent.requestHash ?? null,
    };
  }
}
