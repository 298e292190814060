import type { RefreshTokenSettings } from './refresh-token-settings.js';
import { optionalParameter, parseScope, requiredParameter } from '../protocol/form-fields.js';
import { invalidDpopProof, invalidGrant } from '../errors/error-factories.js';
import { OAuthError } from '../errors/oauth-error.js';
import type { AuthenticatedClient } from '../client-auth/client-authenticator.js';
import type { GrantRecord, RefreshTokenRecord, Storage } from '../storage/ports.js';
import { refreshTokenBinding, type SenderBinding } from '../tokens/sender-binding.js';
import type { MintRefreshToken } from '../tokens/refresh-token-issuer.js';
import { tokenKey } from '../tokens/token-key.js';
import type { GrantHandler, GrantResult } from './grant-handler.js';
import { checkLive, consentOf, type GrantTokenIssuers } from './grant-tokens.js';
import { optionalTokens, tokenResponse } from './token-response.js';

/** What the refresh grant reads and writes: rotation and the grace replacement are transactions. */
export type RefreshGrantStorage = Pick<Storage, 'refreshTokens' | 'grants' | 'withTransaction'>;

/** Thrown inside a grace transaction whose claim failed, so the revocation of the successor rolls back with it. */
class GraceRefused extends Error {}

/**
 * `refresh_token` (RFC 6749 §6): the token must be the authenticated client's, live, within its grant (consent), and
 * presented over the same client certificate it was issued to when it is bound (RFC 8705 §3 binding through the
 * client; FAPI), and with a DPoP proof (of any key) when its grant's access tokens were DPoP-bound (RFC 9449 §5). Scope may be narrowed, never widened. With rotation on (RFC 9700 §4.14.2), each use retires the token
 * and stores its one successor in the same transaction; a retired token used again inside the grace window works once
 * more (FAPI 2.0 SP §5.3.2.1-10: a client that lost the response can retry), revoking the successor it lost and storing
 * the replacement in one transaction, so a token never has two live successors. A request that arrived before the token
 * was rotated or before its grace use was claimed (both stamped by `clock` when made) lost a race and is refused; a
 * retired token presented after its grace use, or after the window, revokes the whole grant. Without rotation the same
 * token keeps working and none is returned.
 */
export function createRefreshTokenGrant(
  storage: RefreshGrantStorage,
  issuers: GrantTokenIssuers,
  mintRefreshToken: MintRefreshToken,
  settings: RefreshTokenSettings,
  clock: () => Date,
): GrantHandler {
  const rotateInto = (seen: RefreshTokenRecord, successor: RefreshTokenRecord, now: Date): Promise<boolean> =>
    storage.withTransaction(async ({ refreshTokens }) => {
      if ((await refreshTokens.rotate(seen.tokenHash, seen.clientId, now)) === undefined) return false;
      await refreshTokens.insert(successor);
      return true;
    });

  async function replaceInGrace(seen: RefreshTokenRecord, successor: RefreshTokenRecord, graceSince: Date, now: Date): Promise<boolean> {
    try {
      return await storage.withTransaction(async ({ refreshTokens }) => {
        await refreshTokens.revokeUnusedChildren(seen.tokenHash, now);
        if ((await refreshTokens.useGrace(seen.tokenHash, seen.clientId, graceSince, clock())) === undefined) throw new GraceRefused();
        await refreshTokens.insert(successor);
        return true;
      });
    } catch (error) {
      if (error instanceof GraceRefused) return false;
      throw error;
    }
  }

  async function retire(seen: RefreshTokenRecord, successor: RefreshTokenRecord, now: Date): Promise<void> {
    if (await rotateInto(seen, successor, clock())) return;
    if (concurrentWithRotation(seen, await storage.refreshTokens.findByHash(seen.tokenHash), now)) {
      throw invalidGrant('The refresh token is no longer valid', 'refresh_token_invalid', { detail: 'lost a race with its rotation' });
    }
    const graceSince = new Date(now.getTime() - settings.graceSeconds * 1000);
    if (settings.graceSeconds > 0 && (await replaceInGrace(seen, successor, graceSince, now))) return;
    const current = await storage.refreshTokens.findByHash(seen.tokenHash);
    if (!lostRace(seen, current, now) && current?.rotatedAt !== undefined && current.revokedAt === undefined) {
      await storage.grants.revoke(seen.grantId, now);
      throw invalidGrant('The refresh token was already used; the grant is revoked', 'refresh_token_reused');
    }
    throw invalidGrant('The refresh token is no longer valid', 'refresh_token_invalid');
  }

  async function respond(client: AuthenticatedClient, binding: SenderBinding, record: RefreshTokenRecord, grant: GrantRecord, scope: string, now: Date): Promise<GrantResult> {
    const { clientId } = client.client;
    const successor = settings.rotate
      ? mintRefreshToken({ grant, clientId, scope: record.scope, now, parentHash: record.tokenHash, ...refreshTokenBinding(binding) })
      : undefined;
    if (successor !== undefined) await retire(record, successor.record, now);
    const access = await issuers.issueAccessToken({ clientId, clientCreatedAt: client.client.record.createdAt, scope, now, subject: grant.subject, grantId: grant.grantId, notAfter: grant.expiresAt, ...consentOf(grant), ...binding });
    const issued = { accessToken: access.token, expiresIn: access.expiresIn, scope, ...optionalTokens(successor?.token, undefined) };
    return { response: tokenResponse(issued, binding), subject: grant.subject, ...consentOf(grant) };
  }

  return {
    grantType: 'refresh_token',
    parameters: new Set(['refresh_token', 'scope']),
    async handle({ client, parameters, binding, now }) {
      const { clientId } = client.client;
      // The token, its grant and the grant's consent in one read.
      const found = await storage.refreshTokens.findWithGrant(tokenKey(requiredParameter(parameters, 'refresh_token')));
      const record = found?.token;
      if (record === undefined || record.clientId !== clientId) throw invalidGrant('The refresh token is invalid', 'refresh_token_invalid');
      if (record.revokedAt !== undefined || record.expiresAt <= now) {
        checkLive(found?.grant, now); // a token that ended with its consent or grant says why
        if (record.revokedAt !== undefined) throw invalidGrant('The refresh token was revoked', 'refresh_token_invalid');
        throw invalidGrant('The refresh token has expired', 'refresh_token_expired');
      }
      if (record.certificateThumbprint !== undefined && client.certificate?.thumbprintS256 !== record.certificateThumbprint) {
        throw invalidGrant('The refresh token is bound to another client certificate', 'refresh_certificate_mismatch');
      }
      if (record.dpopBound === true && binding.dpopKeyThumbprint === undefined) {
        throw invalidDpopProof('The grant is DPoP-bound; a refresh needs a DPoP proof', 'dpop_proof_missing');
      }
      const { grant } = checkLive(found?.grant, now);
      const scope = narrowedScope(optionalParameter(parameters, 'scope'), record.scope);
      return respond(client, binding, record, grant, scope, now);
    },
  };
}

/**
 * Whether a request that could not rotate the token used it concurrently with the rotation rather than after it: it
 * found the token not yet rotated, or it arrived before the rotation was stamped (by `clock`, when it was made). Such a
 * request lost a race: it is refused without revoking the grant and without taking the grace retry, which is for a
 * client that lost the response of a rotation made before it asked again.
 */
function concurrentWithRotation(seen: RefreshTokenRecord, current: RefreshTokenRecord | undefined, arrivedAt: Date): boolean {
  return seen.rotatedAt === undefined || (current?.rotatedAt !== undefined && arrivedAt < current.rotatedAt);
}

/**
 * Whether a request that could neither rotate the token nor use its grace lost a race rather than replayed it: it
 * found the grace use free, or it arrived before the grace use was claimed. Such a request is refused without revoking
 * the grant; only a replay proves reuse (RFC 9700 §4.14.2).
 */
function lostRace(seen: RefreshTokenRecord, current: RefreshTokenRecord | undefined, arrivedAt: Date): boolean {
  const claimedAt = current?.graceUsedAt;
  return claimedAt !== undefined && (seen.graceUsedAt === undefined || arrivedAt < claimedAt);
}

/** RFC 6749 §6: the requested scope, which must be within the token's; the token's scope when none is requested. */
function narrowedScope(requested: string | undefined, granted: string): string {
  if (requested === undefined) return granted;
  const allowed = new Set(granted.split(' '));
  const values = parseScope(requested);
  const extra = values.filter((value) => !allowed.has(value));
  if (extra.length > 0) {
    throw new OAuthError('invalid_scope', 'A refresh can narrow the scope, never widen it', { reason: 'scope_widened', detail: extra.join(' ') });
  }
  return values.join(' ');
}
