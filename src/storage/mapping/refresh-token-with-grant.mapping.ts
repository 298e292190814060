import type { Selectable } from 'kysely';
import type { GrantsTable, RefreshTokensTable } from '../database.types.js';
import type { RefreshTokenWithGrant } from '../ports.js';
import { CONSENT_STATE_COLUMNS, grantWithConsentFromRow, type ConsentStateColumns, type GrantWithConsentRow } from './grant-with-consent.mapping.js';
import { refreshTokenFromRow } from './refresh-token.mapping.js';

type GrantColumn = keyof GrantsTable;

/** Every `grants` column once: leaving one out, or naming one the table lacks, is a type error. */
const GRANT_COLUMNS = Object.keys({
  grant_id: true,
  client_id: true,
  subject: true,
  scope: true,
  accounts: true,
  intent_id: true,
  acr: true,
  auth_time: true,
  created_at: true,
  expires_at: true,
  revoked_at: true,
} satisfies Record<GrantColumn, true>) as GrantColumn[];

/**
 * A `refresh_tokens` row joined with its grant and the state of the grant's consent: every `refresh_tokens` column,
 * then every `grants` column under a `grant_` alias, then the consent state columns of `grant-with-consent.mapping.ts`;
 * the grant's and consent's NULL when none joined.
 */
export type RefreshTokenWithGrantRow = Selectable<RefreshTokensTable> & {
  readonly [Column in GrantColumn as `grant_${Column}`]: Selectable<GrantsTable>[Column] | null;
} & ConsentStateColumns;

/** The select list of a {@link RefreshTokenWithGrantRow}, over `refresh_tokens`, `grants` and `consents`. */
export const REFRESH_TOKEN_WITH_GRANT_COLUMNS = [
  'refresh_tokens.*',
  ...GRANT_COLUMNS.map((column) => `grants.${column} AS grant_${column}`),
  CONSENT_STATE_COLUMNS,
].join(', ');

/** Splits a joined row into the token and, when one joined, its grant with its consent's state. */
export function refreshTokenWithGrantFromRow(row: RefreshTokenWithGrantRow): RefreshTokenWithGrant {
  const token = refreshTokenFromRow(row);
  if (row.grant_grant_id === null) return { token };
  // The grant's columns under their own names (a literal, so the mapper reads a fast object; every column, checked).
  const grantRow = {
    grant_id: row.grant_grant_id,
    client_id: row.grant_client_id,
    subject: row.grant_subject,
    scope: row.grant_scope,
    accounts: row.grant_accounts,
    intent_id: row.grant_intent_id,
    acr: row.grant_acr,
    auth_time: row.grant_auth_time,
    created_at: row.grant_created_at,
    expires_at: row.grant_expires_at,
    revoked_at: row.grant_revoked_at,
    consent_id: row.consent_id,
    consent_kind: row.consent_kind,
    consent_status: row.consent_status,
    consent_expires_at: row.consent_expires_at,
  } satisfies Record<keyof GrantWithConsentRow, unknown>;
  // A grant joined (its id is not NULL): its NOT NULL columns are not NULL either.
  return { token, grant: grantWithConsentFromRow(grantRow as GrantWithConsentRow) };
}
