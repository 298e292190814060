import type { Selectable } from 'kysely';
import type { ConsentsTable, GrantsTable } from '../database.types.js';
import type { ConsentState, GrantWithConsent } from '../ports.js';
import { optionalDate } from './column-values.js';
import { grantFromRow } from './grant.mapping.js';

/**
 * A `grants` row joined with the state of its consent: every `grants` column, then the consent's id, kind, status
 * and expiry under `consent_` aliases (none collides with a grant's column); those NULL when no consent joined. The
 * consent's details (a payment's initiation, say) are not read: no token request needs them.
 */
export type GrantWithConsentRow = Selectable<GrantsTable> & ConsentStateColumns;

/** The consent state columns of a joined row (the consent's id, kind, status and expiry), NULL when none joined. */
export interface ConsentStateColumns {
  readonly consent_id: string | null;
  readonly consent_kind: Selectable<ConsentsTable>['kind'] | null;
  readonly consent_status: Selectable<ConsentsTable>['status'] | null;
  readonly consent_expires_at: number | null;
}

/** The select list of the {@link ConsentStateColumns}, from `consents`. */
export const CONSENT_STATE_COLUMNS =
  'consents.consent_id AS consent_id, consents.kind AS consent_kind, consents.status AS consent_status, consents.expires_at AS consent_expires_at';

/** The select list of a {@link GrantWithConsentRow}, over `grants` and `consents`. */
export const GRANT_WITH_CONSENT_COLUMNS = `grants.*, ${CONSENT_STATE_COLUMNS}`;

/** Splits a joined row into the grant (its own row mapper) and, when one joined, the consent's state. */
export function grantWithConsentFromRow(row: GrantWithConsentRow): GrantWithConsent {
  const grant = grantFromRow(row);
  if (row.consent_id === null || row.consent_kind === null || row.consent_status === null) return { grant };
  const expiresAt = optionalDate(row.consent_expires_at);
  const consent: ConsentState = { consentId: row.consent_id, kind: row.consent_kind, status: row.consent_status, ...(expiresAt === undefined ? {} : { expiresAt }) };
  return { grant, consent };
}
