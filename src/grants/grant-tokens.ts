import { scopeRule } from '../authorization/scope-rules.js';
import type { ProfileName } from '../protocol/profile-name.js';
import { invalidGrant } from '../errors/error-factories.js';
import type { ReasonKey } from '../errors/reason-catalogue.js';
import type { Client } from '../clients/client.js';
import type { ConsentState, ConsentStatus, GrantRecord, GrantRepository, GrantWithConsent } from '../storage/ports.js';
import type { IssueAccessToken } from '../tokens/access-token-issuer.js';
import type { IssueIdToken } from '../tokens/id-token-issuer.js';
import type { IssueRefreshToken } from '../tokens/refresh-token-issuer.js';

/** The issuers the PSU grants (authorization_code, refresh_token) share. */
export interface GrantTokenIssuers {
  readonly issueAccessToken: IssueAccessToken;
  readonly issueRefreshToken: IssueRefreshToken;
  readonly issueIdToken: IssueIdToken;
  readonly profile: ProfileName;
}

/**
 * The scope a refresh token of a grant carries: the grant's, minus scopes granted at the PSU's authentication only
 * (STET `extended_transaction_history`), so a refresh can never bring them back.
 */
export function refreshableScope(profile: ProfileName, scope: readonly string[]): string[] {
  return scope.filter((value) => scopeRule(profile, value).notOnRefresh !== true);
}

/**
 * Whether a grant earns a refresh token: the client registered the `refresh_token` grant (RFC 7591 §2) and a scope
 * of the grant is one refresh tokens are issued for under the profile (STET: `aisp`, `cbpii`; UK: not payments).
 */
export function earnsRefreshToken(profile: ProfileName, scope: readonly string[], client: Client): boolean {
  return client.grantTypes.has('refresh_token') && scope.some((value) => scopeRule(profile, value).refresh);
}

/**
 * The grant, read with its consent in one statement, when it is still live (see {@link checkLive}).
 */
export async function liveGrant(grants: Pick<GrantRepository, 'findWithConsent'>, grantId: string, now: Date): Promise<LiveGrant> {
  return checkLive(await grants.findWithConsent(grantId), now);
}

/**
 * A grant read with its consent (or nothing, when none was found), when it is still live: not revoked, not expired,
 * and its consent still Authorised and unexpired (no token outlives its consent; a consumed payment consent mints no
 * new tokens). Refusals name why, with the profile's reason code (UK OB: U028 UK.OBIE.Reauthenticate for a revoked or
 * expired consent).
 */
export function checkLive(found: GrantWithConsent | undefined, now: Date): LiveGrant {
  const grant = found?.grant;
  const consent = found?.consent;
  if (consent !== undefined && consent.status !== 'Authorised') {
    const [description, reason] = CONSENT_REFUSALS[consent.status] ?? ['The consent is not authorised', 'grant_revoked'];
    throw invalidGrant(description, reason);
  }
  if (consent?.expiresAt !== undefined && consent.expiresAt <= now) throw invalidGrant('The consent has expired', 'consent_expired');
  if (grant === undefined || grant.revokedAt !== undefined || grant.expiresAt <= now || (grant.intentId !== undefined && consent === undefined)) {
    throw invalidGrant('The authorization behind this grant was revoked or has expired', 'grant_revoked');
  }
  return consent === undefined ? { grant } : { grant, consent };
}

/** A live grant and the state of the consent it is bound to. */
export interface LiveGrant {
  readonly grant: GrantRecord;
  readonly consent?: ConsentState;
}

/**
 * The `openbanking_intent_id` an ID token states: the staged consent the TPP named (UK OB), not the consent obas
 * recorded on its own for an authorization that named none.
 */
export const stagedConsentId = (live: LiveGrant): { intentId?: string } =>
  live.consent === undefined || live.consent.kind === 'authorization' ? {} : { intentId: live.consent.consentId };

const CONSENT_REFUSALS: Partial<Record<ConsentStatus, readonly [string, ReasonKey]>> = {
  Revoked: ['The consent was revoked', 'consent_revoked'],
  Expired: ['The consent has expired', 'consent_expired'],
  Consumed: ['The payment consent was consumed', 'consent_consumed'],
};

/** The consent member of an access token request for a grant's tokens. */
export const consentOf = (grant: GrantRecord): { consentId?: string } => (grant.intentId === undefined ? {} : { consentId: grant.intentId });
