import type { Kysely } from 'kysely';
import type { ObasDatabase } from '../database.types.js';
import { grantWithConsentFromRow } from '../mapping/grant-with-consent.mapping.js';
import { grantFromRow } from '../mapping/grant.mapping.js';
import type { GrantRecord, GrantRepository, GrantWithConsent } from '../ports.js';
import { deleteExpiredRows } from './expired-rows.js';
import { grantWithConsentQuery } from './grant-with-consent.query.js';

/** {@link GrantRepository} for SQLite and PostgreSQL alike. */
export class KyselyGrantRepository implements GrantRepository {
  constructor(private readonly db: Kysely<ObasDatabase>) {}

  async insert(grant: GrantRecord): Promise<void> {
    await this.db
      .insertInto('grants')
      .values({
        grant_id: grant.grantId,
        client_id: grant.clientId,
        subject: grant.subject,
        scope: grant.scope,
        accounts: JSON.stringify(grant.accounts),
        intent_id: grant.intentId ?? null,
        acr: grant.acr ?? null,
        auth_time: grant.authTime.getTime(),
        created_at: grant.createdAt.getTime(),
        expires_at: grant.expiresAt.getTime(),
        revoked_at: grant.revokedAt?.getTime() ?? null,
      })
      .execute();
  }

  async find(grantId: string): Promise<GrantRecord | undefined> {
    const row = await this.db.selectFrom('grants').selectAll().where('grant_id', '=', grantId).executeTakeFirst();
    return row === undefined ? undefined : grantFromRow(row);
  }

  async findWithConsent(grantId: string): Promise<GrantWithConsent | undefined> {
    const [row] = (await grantWithConsentQuery(grantId).execute(this.db)).rows;
    return row === undefined ? undefined : grantWithConsentFromRow(row);
  }

  /**
   * The grant first, so that every token check that consults the grant sees the revocation at once; then its refresh
   * tokens. Its access tokens are left as they are: each check of one consults the grant.
   */
  async revoke(grantId: string, now: Date): Promise<boolean> {
    return (await this.#revokeWithRefreshTokens('grant_id', grantId, now)) > 0;
  }

  async revokeAllOfClient(clientId: string, now: Date): Promise<number> {
    return this.#revokeWithRefreshTokens('client_id', clientId, now);
  }

  /** The grants of the consent first, then their refresh tokens (their access tokens are dead with the grants). */
  async revokeAllOfConsent(consentId: string, now: Date): Promise<number> {
    const at = now.getTime();
    const grants = await this.db
      .updateTable('grants')
      .set({ revoked_at: at })
      .where('intent_id', '=', consentId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    const ofConsent = this.db.selectFrom('grants').select('grant_id').where('intent_id', '=', consentId);
    await this.db.updateTable('refresh_tokens').set({ revoked_at: at }).where('grant_id', 'in', ofConsent).where('revoked_at', 'is', null).execute();
    return Number(grants.numUpdatedRows);
  }

  /** Revokes the live grants matching `column = value`, then the refresh tokens issued under them. */
  async #revokeWithRefreshTokens(column: 'grant_id' | 'client_id', value: string, now: Date): Promise<number> {
    const at = now.getTime();
    const grants = await this.db
      .updateTable('grants')
      .set({ revoked_at: at })
      .where(column, '=', value)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    await this.db.updateTable('refresh_tokens').set({ revoked_at: at }).where(column, '=', value).where('revoked_at', 'is', null).execute();
    return Number(grants.numUpdatedRows);
  }

  deleteExpired(before: Date): Promise<number> {
    return deleteExpiredRows(this.db, 'grants', before);
  }
}
