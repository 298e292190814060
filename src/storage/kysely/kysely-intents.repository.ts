import type { Kysely, Selectable } from 'kysely';
import type { IntentsTable, ObasDatabase } from '../database.types.js';
import { fromJsonColumn, optional, optionalDate, recordOf } from '../mapping/column-values.js';
import type { IntentDecision, IntentRecord, IntentRepository } from '../ports.js';

function fromRow(row: Selectable<IntentsTable>): IntentRecord {
  return recordOf<IntentRecord>({
    intentId: row.intent_id,
    clientId: row.client_id,
    kind: row.kind,
    status: row.status,
    details: fromJsonColumn<Record<string, unknown>>(row.details),
    createdAt: new Date(row.created_at),
    statusUpdatedAt: new Date(row.status_updated_at),
    expiresAt: optionalDate(row.expires_at),
    subject: optional(row.subject),
    accounts: row.accounts === null ? undefined : fromJsonColumn<string[]>(row.accounts),
  });
}

/** {@link IntentRepository} for SQLite and PostgreSQL alike; a decision is one conditional UPDATE. */
export class KyselyIntentRepository implements IntentRepository {
  constructor(private readonly db: Kysely<ObasDatabase>) {}

  async insert(intent: IntentRecord): Promise<void> {
    await this.db
      .insertInto('intents')
      .values({
        intent_id: intent.intentId,
        client_id: intent.clientId,
        kind: intent.kind,
        status: intent.status,
        details: JSON.stringify(intent.details),
        created_at: intent.createdAt.getTime(),
        status_updated_at: intent.statusUpdatedAt.getTime(),
        expires_at: intent.expiresAt?.getTime() ?? null,
        subject: intent.subject ?? null,
        accounts: intent.accounts === undefined ? null : JSON.stringify(intent.accounts),
      })
      .execute();
  }

  async find(intentId: string): Promise<IntentRecord | undefined> {
    const row = await this.db.selectFrom('intents').selectAll().where('intent_id', '=', intentId).executeTakeFirst();
    return row === undefined ? undefined : fromRow(row);
  }

  async decide(intentId: string, clientId: string, decision: IntentDecision, now: Date): Promise<boolean> {
    const result = await this.db
      .updateTable('intents')
      .set({
        status: decision.status,
        status_updated_at: now.getTime(),
        subject: decision.subject,
        accounts: JSON.stringify(decision.accounts),
      })
      .where('intent_id', '=', intentId)
      .where('client_id', '=', clientId)
      .where('status', '=', 'AwaitingAuthorisation')
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now.getTime())]))
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }
}
