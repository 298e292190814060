import type { Kysely } from 'kysely';
import type { ObasDatabase } from '../database.types.js';
import { refreshTokenWithGrantFromRow } from '../mapping/refresh-token-with-grant.mapping.js';
import { refreshTokenFromRow } from '../mapping/refresh-token.mapping.js';
import type { RefreshTokenRecord, RefreshTokenRepository, RefreshTokenWithGrant } from '../ports.js';
import { deleteExpiredRows } from './expired-rows.js';
import { refreshTokenWithGrantQuery } from './refresh-token-with-grant.query.js';

/**
 * {@link RefreshTokenRepository} for SQLite and PostgreSQL alike: rotation and the grace use are each one conditional
 * `UPDATE … RETURNING`, so a token rotates once, and is used once in its grace window, across processes.
 */
export class KyselyRefreshTokenRepository implements RefreshTokenRepository {
  constructor(private readonly db: Kysely<ObasDatabase>) {}

  async insert(token: RefreshTokenRecord): Promise<void> {
    await this.db
      .insertInto('refresh_tokens')
      .values({
        token_hash: token.tokenHash,
        grant_id: token.grantId,
        client_id: token.clientId,
        scope: token.scope,
        certificate_thumbprint: token.certificateThumbprint ?? null,
        dpop_bound: token.dpopBound === true ? 1 : null,
        issued_at: token.issuedAt.getTime(),
        expires_at: token.expiresAt.getTime(),
        parent_hash: token.parentHash ?? null,
        rotated_at: token.rotatedAt?.getTime() ?? null,
        grace_used_at: token.graceUsedAt?.getTime() ?? null,
        revoked_at: token.revokedAt?.getTime() ?? null,
      })
      .execute();
  }

  async findByHash(tokenHash: string): Promise<RefreshTokenRecord | undefined> {
    const row = await this.db.selectFrom('refresh_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    return row === undefined ? undefined : refreshTokenFromRow(row);
  }

  async findWithGrant(tokenHash: string): Promise<RefreshTokenWithGrant | undefined> {
    const [row] = (await refreshTokenWithGrantQuery(tokenHash).execute(this.db)).rows;
    return row === undefined ? undefined : refreshTokenWithGrantFromRow(row);
  }

  async rotate(tokenHash: string, clientId: string, now: Date): Promise<RefreshTokenRecord | undefined> {
    const row = await this.db
      .updateTable('refresh_tokens')
      .set({ rotated_at: now.getTime() })
      .where('token_hash', '=', tokenHash)
      .where('client_id', '=', clientId)
      .where('rotated_at', 'is', null)
      .where('revoked_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
    return row === undefined ? undefined : refreshTokenFromRow(row);
  }

  async useGrace(tokenHash: string, clientId: string, rotatedSince: Date, now: Date): Promise<RefreshTokenRecord | undefined> {
    const row = await this.db
      .updateTable('refresh_tokens')
      .set({ grace_used_at: now.getTime() })
      .where('token_hash', '=', tokenHash)
      .where('client_id', '=', clientId)
      .where('rotated_at', '>=', rotatedSince.getTime())
      .where('grace_used_at', 'is', null)
      .where('revoked_at', 'is', null)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('refresh_tokens as successor')
              .select('successor.token_hash')
              .whereRef('successor.parent_hash', '=', 'refresh_tokens.token_hash')
              .where('successor.rotated_at', 'is not', null),
          ),
        ),
      )
      .returningAll()
      .executeTakeFirst();
    return row === undefined ? undefined : refreshTokenFromRow(row);
  }

  async revokeUnusedChildren(parentHash: string, now: Date): Promise<number> {
    const result = await this.db
      .updateTable('refresh_tokens')
      .set({ revoked_at: now.getTime() })
      .where('parent_hash', '=', parentHash)
      .where('revoked_at', 'is', null)
      .where('rotated_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  deleteExpired(before: Date): Promise<number> {
    return deleteExpiredRows(this.db, 'refresh_tokens', before);
  }
}
