import type { AccessTokenRecord, GrantRecord, RefreshTokenRecord, Storage } from '../storage/ports.js';
import { tokenKey } from './token-key.js';

/** A token found by its hash: an access token or a refresh token, and the grant behind it, if any. */
export type FoundToken =
  | { readonly kind: 'access_token'; readonly record: AccessTokenRecord; readonly grant?: GrantRecord }
  | { readonly kind: 'refresh_token'; readonly record: RefreshTokenRecord; readonly grant?: GrantRecord };

/** Finds tokens for revocation and introspection. */
export interface TokenLookup {
  /** The token, looking first where `hint` says (RFC 7009 §2.1, RFC 7662 §2.1: a hint only); undefined if unknown. */
  find(token: string, hint: string | undefined): Promise<FoundToken | undefined>;
  /** Whether the token is active at `now`: not revoked, not expired, not retired by rotation (a refresh token), and its grant (if any) neither revoked nor expired. */
  isActive(found: FoundToken, now: Date): boolean;
}

/**
 * Whether a token was issued in a whole second before its client was created. Issue times are whole seconds (a JWT's
 * `iat`), creation times milliseconds: a token issued in the second its client was created counts as the client's.
 */
function issuedBeforeCreated(issuedAt: Date, createdAt: Date): boolean {
  return issuedAt.getTime() < createdAt.getTime() - (createdAt.getTime() % 1000);
}

/**
 * Token lookup over storage. A token is only as good as its client and its grant: both are consulted, so deleting a
 * client (RFC 7592 §2.3, `obas clients delete`) or revoking a grant (PSU consent withdrawn, code replay, refresh token
 * reuse) deactivates every token of it, even one inserted concurrently with the revocation, without rewriting the
 * tokens' rows. A token whose client is gone is unknown, and so is one issued before its client was created: it
 * belonged to an earlier client with the same client_id, deleted since (a configured client removed and added again).
 * Both times come from clocks, of whichever processes issued the token and created the client: a client_id that
 * comes back within the same second as a token of its predecessor's would take that token back, and a process whose
 * clock lags the one that created the client by a second boundary issues tokens this lookup does not know.
 */
export function createTokenLookup(storage: Pick<Storage, 'accessTokens' | 'refreshTokens' | 'grants' | 'clients'>): TokenLookup {
  async function withClientAndGrant<T extends FoundToken>(found: T): Promise<T | undefined> {
    const client = await storage.clients.find(found.record.clientId);
    if (client === undefined || issuedBeforeCreated(found.record.issuedAt, client.createdAt)) return undefined;
    const grantId = found.record.grantId;
    const grant = grantId === undefined ? undefined : await storage.grants.find(grantId);
    return grant === undefined ? found : { ...found, grant };
  }

  async function access(tokenHash: string): Promise<FoundToken | undefined> {
    const record = await storage.accessTokens.findByHash(tokenHash);
    return record === undefined ? undefined : withClientAndGrant({ kind: 'access_token', record });
  }

  async function refresh(tokenHash: string): Promise<FoundToken | undefined> {
    const record = await storage.refreshTokens.findByHash(tokenHash);
    return record === undefined ? undefined : withClientAndGrant({ kind: 'refresh_token', record });
  }

  return {
    async find(token, hint) {
      const key = tokenKey(token);
      return hint === 'refresh_token' ? ((await refresh(key)) ?? access(key)) : ((await access(key)) ?? refresh(key));
    },
    isActive(found, now) {
      const { record, grant } = found;
      if (record.revokedAt !== undefined || record.expiresAt <= now) return false;
      if (found.kind === 'refresh_token' && found.record.rotatedAt !== undefined) return false;
      if (record.grantId === undefined) return true;
      return grant !== undefined && grant.revokedAt === undefined && grant.expiresAt > now;
    },
  };
}
