import type { AccessTokenRecord, ClientRecord, GrantRecord, RefreshTokenRecord, Storage } from '../storage/ports.js';
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
 * Whether `found` belongs to `client`, the client its client_id names today. An access token names the client record
 * it was issued to by that record's creation time: equal, or it was another client's. A refresh token, and an access
 * token stored before migration 0014, is judged by when it was issued instead: not in a whole second before its client
 * was created (it then belonged to an earlier client with that client_id).
 */
function belongsTo(found: FoundToken, client: ClientRecord): boolean {
  const createdAt = found.kind === 'access_token' ? found.record.clientCreatedAt : undefined;
  return createdAt === undefined ? !issuedBeforeCreated(found.record.issuedAt, client.createdAt) : createdAt.getTime() === client.createdAt.getTime();
}

/**
 * Token lookup over storage. A token is only as good as its client and its grant: both are consulted, so deleting a
 * client (RFC 7592 §2.3, `obas clients delete`) or revoking a grant (PSU consent withdrawn, code replay, refresh token
 * reuse) deactivates every token of it, even one inserted concurrently with the revocation, without rewriting the
 * tokens' rows. A token whose client is gone is unknown, and so is one that belonged to an earlier client with the
 * same client_id, deleted since (a configured client removed and added again, a client_id registered again):
 * {@link belongsTo} tells them apart. For access tokens that takes no clock; refresh tokens (whose grants the client's
 * deletion revoked) and access tokens of earlier versions compare the clocks of whichever processes issued the token
 * and created the client, to the second.
 */
export function createTokenLookup(storage: Pick<Storage, 'accessTokens' | 'refreshTokens' | 'grants' | 'clients'>): TokenLookup {
  async function withClientAndGrant<T extends FoundToken>(found: T): Promise<T | undefined> {
    const client = await storage.clients.find(found.record.clientId);
    if (client === undefined || !belongsTo(found, client)) return undefined;
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
