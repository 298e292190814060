import type { ProfileName } from '../protocol/profile-name.js';
import type { ConsentKind } from '../storage/ports.js';

/** How a scope behaves in a PSU authorization. */
export interface ScopeRule {
  /** The kinds of staged consent the scope needs, one named by `openbanking_intent_id` (UK OB). */
  readonly consentKinds?: readonly ConsentKind[];
  /** Only obtainable with client_credentials, never from a PSU (STET `pisp`). */
  readonly clientCredentialsOnly?: boolean;
  /** Only together with this scope (STET `extended_transaction_history` with `aisp`). */
  readonly requires?: string;
  /** Granted right after the PSU's authentication only, never again on refresh (STET `extended_transaction_history`). */
  readonly notOnRefresh?: boolean;
  /** Whether the scope earns a refresh token. */
  readonly refresh: boolean;
  /** Whether the PSU chooses accounts for it, and how many: many (account access) or one (the account to pay from). */
  readonly accounts?: 'many' | 'one';
}

const OPENID: ScopeRule = { refresh: false };
const DEFAULT: ScopeRule = { refresh: true };

/**
 * Scope semantics per profile. UK OB (read/write data API): `accounts`, `payments` and `fundsconfirmations` each need
 * a staged consent of their kind; a payment consent is single use, so no refresh token. STET PSD2 API v1.6 part 3 §3:
 * `aisp` and `cbpii` by the authorization code grant with refresh tokens, `extended_transaction_history` (transactions
 * older than 90 days, PSD2 RTS Art. 10) only with `aisp` and only at the authorization, `pisp` by client_credentials.
 * FAPI 2.0 names no scopes; `accounts` and `payments` behave as in UK OB, intents being optional there.
 */
const RULES: Readonly<Record<ProfileName, Readonly<Record<string, ScopeRule>>>> = {
  'uk-ob': {
    openid: OPENID,
    accounts: { consentKinds: ['account-access'], refresh: true, accounts: 'many' },
    payments: { consentKinds: ['domestic-payment', 'domestic-scheduled-payment', 'domestic-standing-order'], refresh: false, accounts: 'one' },
    fundsconfirmations: { consentKinds: ['funds-confirmation'], refresh: true, accounts: 'one' },
  },
  stet: {
    openid: OPENID,
    aisp: { refresh: true, accounts: 'many' },
    extended_transaction_history: { requires: 'aisp', notOnRefresh: true, refresh: false },
    cbpii: { refresh: true, accounts: 'many' },
    pisp: { clientCredentialsOnly: true, refresh: false },
  },
  fapi2: {
    openid: OPENID,
    accounts: { refresh: true, accounts: 'many' },
    payments: { refresh: false, accounts: 'one' },
  },
};

/** The rule of `scope` under a profile; scopes the profile does not know earn a refresh token and nothing else. */
export function scopeRule(profile: ProfileName, scope: string): ScopeRule {
  return RULES[profile][scope] ?? DEFAULT;
}

/** How many accounts the PSU picks for these scopes: 'many', 'one', or none at all. */
export function accountSelection(profile: ProfileName, scopes: readonly string[]): 'many' | 'one' | 'none' {
  const kinds = scopes.map((scope) => scopeRule(profile, scope).accounts);
  if (kinds.includes('one')) return 'one';
  return kinds.includes('many') ? 'many' : 'none';
}
