import { sql, type RawBuilder } from 'kysely';
import { GRANT_WITH_CONSENT_COLUMNS, type GrantWithConsentRow } from '../mapping/grant-with-consent.mapping.js';

/**
 * The one statement reading a grant with the consent it authorised: `grants LEFT JOIN consents` on the grant's
 * `intent_id`. Kysely runs it (PostgreSQL, SQLite inside a unit of work); SQLite's hot path prepares its compiled text.
 */
export const grantWithConsentQuery = (grantId: string): RawBuilder<GrantWithConsentRow> =>
  sql<GrantWithConsentRow>`SELECT ${sql.raw(GRANT_WITH_CONSENT_COLUMNS)} FROM grants LEFT JOIN consents ON consents.consent_id = grants.intent_id WHERE grants.grant_id = ${grantId}`;
