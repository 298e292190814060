import type { ScopeRoles } from '../../registration/registration-settings.js';

/**
 * UK Open Banking scopes (read/write data API security profile) and the PSD2 roles (ETSI TS 119 495 §5.1) each needs:
 * account information, payment initiation, card-based funds confirmation; `openid` needs none.
 */
export const UK_SCOPE_ROLES: ScopeRoles = {
  openid: [],
  accounts: ['PSP_AI'],
  payments: ['PSP_PI'],
  fundsconfirmations: ['PSP_IC'],
};

/**
 * STET PSD2 API v1.6 part 3 scopes and their roles; `extended_transaction_history` (transactions older than 90 days,
 * §3.4) is an account-information scope.
 */
export const STET_SCOPE_ROLES: ScopeRoles = {
  aisp: ['PSP_AI'],
  extended_transaction_history: ['PSP_AI'],
  pisp: ['PSP_PI'],
  cbpii: ['PSP_IC'],
};
