import type { Kysely, Selectable } from 'kysely';
import type { AuthorizationCodesTable, ObasDatabase } from '../database.types.js';
import { authorizationCodeFromRow } from '../mapping/authorization-code.mapping.js';
import { grantWithConsentFromRow, type GrantWithConsentRow } from '../mapping/grant-with-consent.mapping.js';
import type { AuthorizationCodeRecord, AuthorizationCodeRepository, RedeemedCode } from '../ports.js';
import { deleteExpiredRows } from './expired-rows.js';
import { grantWithConsentQuery } from './grant-with-consent.query.js';

/** The {@link RedeemedCode} of a redeemed code's row and its grant's row, without a `grant` member when none was found. */
export function redeemedCode(code: Selectable<AuthorizationCodesTable>, grant: GrantWithConsentRow | undefined): RedeemedCode {
  const record = authorizationCodeFromRow(code);
  return grant === undefined ? { code: record } : { code: record, grant: grantWithConsentFromRow(grant) };
}

/**
 * {@link AuthorizationCodeRepository} for SQLite and PostgreSQL alike. `redeem` is one
 * `UPDATE … SET consumed_at WHERE consumed_at IS NULL RETURNING …`: both databases serialise writers on the row, so
 * exactly one of any number of concurrent redemptions (in any number of processes) changes it and gets it back; the
 * winner then reads the code's grant with its consent in a second statement. The two are one step only inside a
 * transaction (the updated row stays locked, so no replay can revoke the grant in between); outside one, each
 * storage redeems in one step of its own (`PgAuthorizationCodeRepository`, `SqliteAuthorizationCodeRepository`).
 * `recordReplay` is a single conditional update too.
 */
export class KyselyAuthorizationCodeRepository implements AuthorizationCodeRepository {
  constructor(private readonly db: Kysely<ObasDatabase>) {}

  async insert(code: AuthorizationCodeRecord): Promise<void> {
    await this.db
      .insertInto('authorization_codes')
      .values({
        code_hash: code.codeHash,
        client_id: code.clientId,
        grant_id: code.grantId,
        redirect_uri: code.redirectUri,
        code_challenge: code.codeChallenge,
        nonce: code.nonce ?? null,
        dpop_jkt: code.dpopKeyThumbprint ?? null,
        issued_at: code.issuedAt.getTime(),
        expires_at: code.expiresAt.getTime(),
        consumed_at: code.consumedAt?.getTime() ?? null,
      })
      .execute();
  }

  async redeem(codeHash: string, clientId: string, now: Date): Promise<RedeemedCode | undefined> {
    const row = await this.db
      .updateTable('authorization_codes')
      .set({ consumed_at: now.getTime() })
      .where('code_hash', '=', codeHash)
      .where('client_id', '=', clientId)
      .where('consumed_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
    if (row === undefined) return undefined;
    const [grant] = (await grantWithConsentQuery(row.grant_id).execute(this.db)).rows;
    return redeemedCode(row, grant);
  }

  async recordReplay(codeHash: string, clientId: string, now: Date): Promise<{ readonly grantId: string } | undefined> {
    const row = await this.db
      .updateTable('authorization_codes')
      .set((eb) => ({ replayed_at: eb.fn.coalesce('replayed_at', eb.val(now.getTime())) }))
      .where('code_hash', '=', codeHash)
      .where('client_id', '=', clientId)
      .where('consumed_at', 'is not', null)
      .returning('grant_id')
      .executeTakeFirst();
    return row === undefined ? undefined : { grantId: row.grant_id };
  }

  async findByHash(codeHash: string): Promise<AuthorizationCodeRecord | undefined> {
    const row = await this.db.selectFrom('authorization_codes').selectAll().where('code_hash', '=', codeHash).executeTakeFirst();
    return row === undefined ? undefined : authorizationCodeFromRow(row);
  }

  deleteExpired(before: Date): Promise<number> {
    return deleteExpiredRows(this.db, 'authorization_codes', before);
  }
}
