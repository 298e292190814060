import type { AccessTokenRecord, GrantRecord, RefreshTokenRecord, Storage } from '../storage/ports.js';
import { hashToken } from './token-hash.js';

/** A token found by its hash: an access token or a refresh token, and the grant behind it, if any. */
export type FoundToken =
  | { readonly kind: 'access_token'; readonly record: AccessTokenRecord; readonly grant?: GrantRecord }
  | { readonly kind: 'refresh_token'; readonly record: RefreshTokenRecord; readonly grant?: GrantRecord };

/** Finds tokens for revocation and introspection. */
export interface TokenLookup {
  /** The token, looking first where `hint` says (RFC 7009 §2.1, RFC 7662 §2.1: a hint only); undefined if unknown. */
  find(token: string, hint: string | undefined): Promise<FoundToken | undefined>;
  /** Whether the token is active at `now`: not revoked, not expired, and its grant (if any) neither revoked nor expired. */
  isActive(found: FoundToken, now: Date): boolean;
}

/**
 * Token lookup over storage. A user token is only as good as its grant: the grant is consulted, so revoking a grant
 * (PSU consent withdrawn, code replay, refresh token reuse) deactivates every token of it, even one inserted
 * concurrently with the revocation.
 */
export function createTokenLookup(storage: Pick<Storage, 'accessTokens' | 'refreshTokens' | 'grants'>): TokenLookup {
  async function withGrant<T extends FoundToken>(found: T): Promise<T> {
    const grantId = found.record.grantId;
    const grant = grantId === undefined ? undefined : await storage.grants.find(grantId);
    return grant === undefined ? found : { ...found, grant };
  }

  async function access(tokenHash: string): Promise<FoundToken | undefined> {
    const record = await storage.accessTokens.findByHash(tokenHash);
    return record === undefined ? undefined : withGrant({ kind: 'access_token', record });
  }

  async function refresh(tokenHash: string): Promise<FoundToken | undefined> {
    const record = await storage.refreshTokens.findByHash(tokenHash);
    return record === undefined ? undefined : withGrant({ kind: 'refresh_token', record });
  }

  return {
    async find(token, hint) {
      const tokenHash = hashToken(token);
      return hint === 'refresh_token'
        ? ((await refresh(tokenHash)) ?? access(tokenHash))
        : ((await access(tokenHash)) ?? refresh(tokenHash));
    },
    isActive(found, now) {
      const { record, grant } = found;
      if (record.revokedAt !== undefined || record.expiresAt <= now) return false;
      if (record.grantId === undefined) return true;
      return grant !== undefined && grant.revokedAt === undefined && grant.expiresAt > now;
    },
  };
}
