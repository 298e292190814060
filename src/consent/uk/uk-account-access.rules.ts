import type { FieldProblem } from '../../errors/oauth-error.js';
import type { UkConsentRule } from './uk-consent-rule.js';

const PATH = 'Data.Permissions';
const TRANSACTION_SCOPES = ['ReadTransactionsBasic', 'ReadTransactionsDetail'] as const;
const TRANSACTION_DIRECTIONS = ['ReadTransactionsCredits', 'ReadTransactionsDebits'] as const;

/** Each permission at most once: a repeated code is refused rather than silently merged. */
export const permissionsDistinctRule: UkConsentRule = (data) => {
  const seen = new Set<string>();
  const problems: FieldProblem[] = [];
  for (const permission of permissionsOf(data)) {
    if (seen.has(permission)) problems.push({ reason: 'field_invalid', message: `${permission} is listed more than once`, path: PATH });
    seen.add(permission);
  }
  return problems;
};

/**
 * Account and Transaction API, account-access-consents: an ASPSP rejects a consent whose permissions hold
 * ReadTransactionsBasic or ReadTransactionsDetail without at least one of ReadTransactionsCredits and
 * ReadTransactionsDebits, and the reverse (a direction without Basic or Detail). Other Detail codes imply their
 * Basic counterpart, so they need no companion.
 */
export const transactionPermissionsRule: UkConsentRule = (data) => {
  const permissions = new Set(permissionsOf(data));
  const hasScope = TRANSACTION_SCOPES.some((code) => permissions.has(code));
  const hasDirection = TRANSACTION_DIRECTIONS.some((code) => permissions.has(code));
  if (hasScope === hasDirection) return [];
  const message = hasScope
    ? 'ReadTransactionsBasic and ReadTransactionsDetail need ReadTransactionsCredits or ReadTransactionsDebits'
    : 'ReadTransactionsCredits and ReadTransactionsDebits need ReadTransactionsBasic or ReadTransactionsDetail';
  return [{ reason: 'field_expected', message, path: PATH }];
};

function permissionsOf(data: Readonly<Record<string, unknown>>): string[] {
  const permissions = data['Permissions'];
  return Array.isArray(permissions) ? permissions.filter((item): item is string => typeof item === 'string') : [];
}
