import type { Kysely, Selectable } from 'kysely';
import type { Pool } from 'pg';
import type { AuthorizationCodesTable, ObasDatabase } from '../database.types.js';
import { KyselyAuthorizationCodeRepository, redeemedCode } from '../kysely/kysely-authorization-codes.repository.js';
import { GRANT_WITH_CONSENT_COLUMNS, type GrantWithConsentRow } from '../mapping/grant-with-consent.mapping.js';
import type { RedeemedCode } from '../ports.js';

/** A redemption's one row: the grant's columns (all NULL when the grant is gone) and the code's row as JSON. */
type RedemptionRow = { [Column in keyof GrantWithConsentRow]: GrantWithConsentRow[Column] | null } & {
  readonly redeemed_code: Selectable<AuthorizationCodesTable>;
};

const REDEEM_SQL = `WITH redeemed AS (
    UPDATE authorization_codes SET consumed_at = $1
    WHERE code_hash = $2 AND client_id = $3 AND consumed_at IS NULL
    RETURNING *
  )
  SELECT to_jsonb(redeemed) AS redeemed_code, granted.*
  FROM redeemed LEFT JOIN LATERAL (
    SELECT ${GRANT_WITH_CONSENT_COLUMNS} FROM grants LEFT JOIN consents ON consents.consent_id = grants.intent_id
    WHERE grants.grant_id = redeemed.grant_id
  ) AS granted ON true`;

/**
 * PostgreSQL authorization codes: `redeem` consumes the code and reads its grant with its consent in one statement
 * (a named prepared statement), so both come from the instant the code was consumed. With the read as a second
 * statement, a replay arriving in between (another request, another process) could revoke the grant first, and the
 * race would leave nobody the code. The revocation still reaches the winner's tokens: they belong to a revoked grant.
 * The rest is the Kysely repository.
 */
export class PgAuthorizationCodeRepository extends KyselyAuthorizationCodeRepository {
  readonly #pool: Pool;

  constructor(pool: Pool, db: Kysely<ObasDatabase>) {
    super(db);
    this.#pool = pool;
  }

  override async redeem(codeHash: string, clientId: string, now: Date): Promise<RedeemedCode | undefined> {
    const { rows } = await this.#pool.query<RedemptionRow>({
      name: 'obas_redeem_authorization_code',
      text: REDEEM_SQL,
      values: [now.getTime(), codeHash, clientId],
    });
    const [row] = rows;
    if (row === undefined) return undefined;
    const { redeemed_code: code, ...grant } = row;
    return redeemedCode(code, grant.grant_id === null ? undefined : (grant as GrantWithConsentRow));
  }
}
