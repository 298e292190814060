import { sql, type Kysely, type Selectable } from 'kysely';
import type { InteractionsTable, ObasDatabase } from '../database.types.js';
import { fromJsonColumn, optional, optionalDate, recordOf } from '../mapping/column-values.js';
import type { InteractionAdvance, InteractionGuard, InteractionRecord, InteractionRepository, InteractionStage } from '../ports.js';
import { deleteExpiredRows } from './expired-rows.js';

function fromRow(row: Selectable<InteractionsTable>): InteractionRecord {
  return recordOf<InteractionRecord>({
    interactionHash: row.interaction_hash,
    clientId: row.client_id,
    request: fromJsonColumn<Record<string, unknown>>(row.request),
    stage: row.stage,
    subject: optional(row.subject),
    authTime: optionalDate(row.auth_time),
    otpHash: optional(row.otp_hash),
    failedAttempts: Number(row.failed_attempts),
    createdAt: new Date(row.created_at),
    expiresAt: new Date(row.expires_at),
  });
}

/** {@link InteractionRepository} for SQLite and PostgreSQL alike; stage changes are conditional single statements. */
export class KyselyInteractionRepository implements InteractionRepository {
  constructor(private readonly db: Kysely<ObasDatabase>) {}

  async insert(interaction: InteractionRecord): Promise<void> {
    await this.db
      .insertInto('interactions')
      .values({
        interaction_hash: interaction.interactionHash,
        client_id: interaction.clientId,
        request: JSON.stringify(interaction.request),
        stage: interaction.stage,
        subject: interaction.subject ?? null,
        auth_time: interaction.authTime?.getTime() ?? null,
        otp_hash: interaction.otpHash ?? null,
        failed_attempts: interaction.failedAttempts,
        created_at: interaction.createdAt.getTime(),
        expires_at: interaction.expiresAt.getTime(),
      })
      .execute();
  }

  async find(interactionHash: string, now: Date): Promise<InteractionRecord | undefined> {
    const row = await this.db
      .selectFrom('interactions')
      .selectAll()
      .where('interaction_hash', '=', interactionHash)
      .where('expires_at', '>', now.getTime())
      .executeTakeFirst();
    return row === undefined ? undefined : fromRow(row);
  }

  async advance(
    interactionHash: string,
    from: InteractionStage,
    to: InteractionAdvance,
    now: Date,
    guard: InteractionGuard = {},
  ): Promise<boolean> {
    let update = this.db
      .updateTable('interactions')
      .set({
        stage: to.stage,
        ...(from === to.stage ? {} : { failed_attempts: 0 }),
        ...(to.subject === undefined ? {} : { subject: to.subject }),
        ...(to.authTime === undefined ? {} : { auth_time: to.authTime.getTime() }),
        ...(to.otpHash === undefined ? {} : { otp_hash: to.otpHash }),
      })
      .where('interaction_hash', '=', interactionHash)
      .where('stage', '=', from)
      .where('expires_at', '>', now.getTime());
    if (guard.otpHash !== undefined) update = update.where('otp_hash', '=', guard.otpHash);
    const result = await update.executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async claimAttempt(interactionHash: string, stage: InteractionStage, maxAttempts: number, now: Date): Promise<number | undefined> {
    const row = await this.db
      .updateTable('interactions')
      .set({ failed_attempts: sql`failed_attempts + 1` })
      .where('interaction_hash', '=', interactionHash)
      .where('stage', '=', stage)
      .where('expires_at', '>', now.getTime())
      .where('failed_attempts', '<', maxAttempts)
      .returning('failed_attempts')
      .executeTakeFirst();
    return row === undefined ? undefined : Number(row.failed_attempts);
  }

  deleteExpired(before: Date): Promise<number> {
    return deleteExpiredRows(this.db, 'interactions', before);
  }
}
