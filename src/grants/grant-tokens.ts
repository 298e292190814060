import { registeredForGrant } from '../authorization/client-registration.js';
import { scopeRule } from '../authorization/scope-rules.js';
import type { ProfileName } from '../config/config.types.js';
import { invalidGrant } from '../errors/error-factories.js';
import type { ClientMetadata, GrantRecord, GrantRepository } from '../storage/ports.js';
import type { IssueAccessToken } from '../tokens/access-token-issuer.js';
import type { IssueIdToken } from '../tokens/id-token-issuer.js';
import type { IssueRefreshToken } from '../tokens/refresh-token-issuer.js';

/** The issuers the PSU grants (authorization_code, refresh_token) share. */
export interface GrantTokenIssuers {
  readonly issueAccessToken: IssueAccessToken;
  readonly issueRefreshToken: IssueRefreshToken;
  readonly issueIdToken: IssueIdToken;
  readonly profile: ProfileName;
  readonly alwaysBindTokens: boolean;
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
export function earnsRefreshToken(profile: ProfileName, scope: readonly string[], metadata: ClientMetadata): boolean {
  return registeredForGrant(metadata, 'refresh_token') && scope.some((value) => scopeRule(profile, value).refresh);
}

/** The grant, when it is still live: not revoked, not expired (the PSU's consent still stands). */
export async function liveGrant(grants: GrantRepository, grantId: string, now: Date): Promise<GrantRecord> {
  const grant = await grants.find(grantId);
  if (grant === undefined || grant.revokedAt !== undefined || grant.expiresAt <= now) {
    throw invalidGrant('The authorization behind this grant was revoked or has expired', 'grant_revoked');
  }
  return grant;
}
