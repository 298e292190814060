import { sql, type Kysely, type Selectable } from 'kysely';
import { SLOW_DOWN_STEP_SECONDS, type BackchannelRequestRecord, type BackchannelRequestRepository, type BackchannelPoll, type NewBackchannelRequest } from '../ciba-ports.js';
import type { BackchannelRequestsTable, ObasDatabase } from '../database.types.js';
import { optional, optionalDate, recordOf } from '../mapping/column-values.js';
import { deleteExpiredRows } from './expired-rows.js';

function fromRow(row: Selectable<BackchannelRequestsTable>): BackchannelRequestRecord {
  return recordOf<BackchannelRequestRecord>({
    requestHash: row.request_hash,
    clientId: row.client_id,
    subject: row.subject,
    scope: row.scope,
    acr: optional(row.acr),
    bindingMessage: optional(row.binding_message),
    intentId: optional(row.intent_id),
    deliveryMode: row.delivery_mode,
    ping: row.ping_auth_req_id === null || row.ping_token === null ? undefined : { authReqId: row.ping_auth_req_id, clientNotificationToken: row.ping_token },
    status: row.status,
    createdAt: new Date(row.created_at),
    expiresAt: new Date(row.expires_at),
    intervalSeconds: row.interval_seconds,
    lastPolledAt: optionalDate(row.last_polled_at),
    decidedAt: optionalDate(row.decided_at),
    grantId: optional(row.grant_id),
    issuedAt: optionalDate(row.issued_at),
  });
}

/**
 * {@link BackchannelRequestRepository} for SQLite and PostgreSQL alike. Every change is one conditional
 * `UPDATE … RETURNING`: both databases serialise writers on the row, and a writer that waited re-evaluates its
 * conditions and assignments against the row as the previous writer left it, so decisions and issuance happen once and
 * polls each see the one before (the assignments of one statement all read the row before it).
 */
export class KyselyBackchannelRequestRepository implements BackchannelRequestRepository {
  constructor(private readonly db: Kysely<ObasDatabase>) {}

  async insert(request: NewBackchannelRequest): Promise<void> {
    await this.db
      .insertInto('backchannel_requests')
      .values({
        request_hash: request.requestHash,
        client_id: request.clientId,
        subject: request.subject,
        scope: request.scope,
        acr: request.acr ?? null,
        binding_message: request.bindingMessage ?? null,
        intent_id: request.intentId ?? null,
        delivery_mode: request.deliveryMode,
        ping_auth_req_id: request.ping?.authReqId ?? null,
        ping_token: request.ping?.clientNotificationToken ?? null,
        status: 'pending',
        created_at: request.createdAt.getTime(),
        expires_at: request.expiresAt.getTime(),
        interval_seconds: request.intervalSeconds,
        last_polled_at: null,
        decided_at: null,
        grant_id: null,
        issued_at: null,
      })
      .execute();
  }

  async find(requestHash: string): Promise<BackchannelRequestRecord | undefined> {
    const row = await this.db.selectFrom('backchannel_requests').selectAll().where('request_hash', '=', requestHash).executeTakeFirst();
    return row === undefined ? undefined : fromRow(row);
  }

  async poll(requestHash: string, clientId: string, now: Date): Promise<BackchannelPoll | undefined> {
    const at = now.getTime();
    const tooFast = sql<boolean>`status = 'pending' and last_polled_at is not null and ${at} < last_polled_at + interval_seconds * 1000`;
    const row = await this.db
      .updateTable('backchannel_requests')
      .set({
        last_polled_at: at,
        last_poll_too_fast: sql<number>`case when ${tooFast} then 1 else 0 end`,
        interval_seconds: sql<number>`case when ${tooFast} then interval_seconds + ${SLOW_DOWN_STEP_SECONDS} else interval_seconds end`,
      })
      .where('request_hash', '=', requestHash)
      .where('client_id', '=', clientId)
      .returningAll()
      .executeTakeFirst();
    return row === undefined ? undefined : { request: fromRow(row), tooFast: row.last_poll_too_fast === 1 };
  }

  approve(requestHash: string, subject: string, grantId: string, now: Date): Promise<BackchannelRequestRecord | undefined> {
    return this.#decide(requestHash, subject, { status: 'approved', grant_id: grantId }, now);
  }

  deny(requestHash: string, subject: string, now: Date): Promise<BackchannelRequestRecord | undefined> {
    return this.#decide(requestHash, subject, { status: 'denied' }, now);
  }

  async forgetPing(requestHash: string): Promise<void> {
    await this.db.updateTable('backchannel_requests').set({ ping_auth_req_id: null, ping_token: null }).where('request_hash', '=', requestHash).execute();
  }

  async claim(requestHash: string, clientId: string, now: Date): Promise<BackchannelRequestRecord | undefined> {
    const row = await this.db
      .updateTable('backchannel_requests')
      .set({ status: 'issued', issued_at: now.getTime() })
      .where('request_hash', '=', requestHash)
      .where('client_id', '=', clientId)
      .where('status', '=', 'approved')
      .where('expires_at', '>', now.getTime())
      .returningAll()
      .executeTakeFirst();
    return row === undefined ? undefined : fromRow(row);
  }

  async listPending(subject: string, now: Date): Promise<BackchannelRequestRecord[]> {
    const rows = await this.db
      .selectFrom('backchannel_requests')
      .selectAll()
      .where('subject', '=', subject)
      .where('status', '=', 'pending')
      .where('expires_at', '>', now.getTime())
      .orderBy('created_at', 'desc')
      .limit(100)
      .execute();
    return rows.map(fromRow);
  }

  deleteExpired(before: Date): Promise<number> {
    return deleteExpiredRows(this.db, 'backchannel_requests', before);
  }

  async #decide(
    requestHash: string,
    subject: string,
    decision: { readonly status: 'approved' | 'denied'; readonly grant_id?: string },
    now: Date,
  ): Promise<BackchannelRequestRecord | undefined> {
    const row = await this.db
      .updateTable('backchannel_requests')
      .set({ ...decision, decided_at: now.getTime() })
      .where('request_hash', '=', requestHash)
      .where('subject', '=', subject)
      .where('status', '=', 'pending')
      .where('expires_at', '>', now.getTime())
      .returningAll()
      .executeTakeFirst();
    return row === undefined ? undefined : fromRow(row);
  }
}
