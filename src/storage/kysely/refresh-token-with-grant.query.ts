import { sql, type RawBuilder } from 'kysely';
import { REFRESH_TOKEN_WITH_GRANT_COLUMNS, type RefreshTokenWithGrantRow } from '../mapping/refresh-token-with-grant.mapping.js';

/**
 * The one statement reading a refresh token with its grant and the state of the grant's consent:
 * `refresh_tokens LEFT JOIN grants LEFT JOIN consents`. Kysely runs it (PostgreSQL, SQLite inside a unit of work);
 * SQLite's hot path prepares its compiled text.
 */
export const refreshTokenWithGrantQuery = (tokenHash: string): RawBuilder<RefreshTokenWithGrantRow> =>
  sql<RefreshTokenWithGrantRow>`SELECT ${sql.raw(REFRESH_TOKEN_WITH_GRANT_COLUMNS)} FROM refresh_tokens LEFT JOIN grants ON grants.grant_id = refresh_tokens.grant_id LEFT JOIN consents ON consents.consent_id = grants.intent_id WHERE refresh_tokens.token_hash = ${tokenHash}`;
