import type { RefreshTokenSettings } from '../config/config.types.js';
import { optionalParameter, parseScope, requiredParameter } from '../endpoints/form-fields.js';
import { invalidGrant } from '../errors/error-factories.js';
import { OAuthError } from '../errors/oauth-error.js';
import type { AuthenticatedClient } from '../client-auth/client-authenticator.js';
import type { ConsentRepository, GrantRecord, GrantRepository, RefreshTokenRecord, RefreshTokenRepository } from '../storage/ports.js';
import { certificateBinding } from '../tokens/certificate-binding.js';
import { hashToken } from '../tokens/token-hash.js';
import type { GrantHandler, GrantResult } from './grant-handler.js';
import { consentOf, liveGrant, type GrantTokenIssuers } from './grant-tokens.js';

/**
 * `refresh_token` (RFC 6749 §6): the token must be the authenticated client's, live, within its grant (consent), and
 * presented over the same client certificate it was issued to when it is bound (RFC 8705 §3 binding through the
 * client; FAPI). Scope may be narrowed, never widened. With rotation on (RFC 9700 §4.14.2), each use retires the token
 * atomically and issues a successor; a retired token used again inside the grace window works once more (FAPI 2.0 SP
 * §5.3.2.1-10: a client that lost the response can retry; the successor it lost is revoked), and after that the
 * reuse revokes the whole grant. Without rotation the same token keeps working and none is returned.
 */
export function createRefreshTokenGrant(
  tokens: RefreshTokenRepository,
  grants: GrantRepository,
  consents: Pick<ConsentRepository, 'find'>,
  issuers: GrantTokenIssuers,
  settings: RefreshTokenSettings,
): GrantHandler {
  async function retire(record: RefreshTokenRecord, clientId: string, now: Date): Promise<void> {
    if (await tokens.rotate(record.tokenHash, clientId, now)) return;
    const graceSince = new Date(now.getTime() - settings.graceSeconds * 1000);
    // The lost successor is revoked before the grace use is claimed, so it cannot be rotated in between: a successor
    // used first makes useGrace refuse (reuse), one revoked first can no longer be used. Each step is atomic.
    if (settings.graceSeconds > 0) {
      await tokens.revokeUnusedChildren(record.tokenHash, now);
      if (await tokens.useGrace(record.tokenHash, clientId, graceSince, now)) return;
    }
    const current = await tokens.findByHash(record.tokenHash);
    if (current?.rotatedAt !== undefined && current.revokedAt === undefined) {
      await grants.revoke(record.grantId, now);
      throw invalidGrant('The refresh token was already used; the grant is revoked', 'refresh_token_reused');
    }
    throw invalidGrant('The refresh token is no longer valid', 'refresh_token_invalid');
  }

  async function respond(client: AuthenticatedClient, record: RefreshTokenRecord, grant: GrantRecord, scope: string, now: Date): Promise<GrantResult> {
    const { clientId, metadata } = client.client;
    const thumbprint = certificateBinding(metadata, client.certificate, issuers.alwaysBindTokens);
    const bound = thumbprint === undefined ? {} : { certificateThumbprint: thumbprint };
    const access = await issuers.issueAccessToken({ clientId, scope, now, subject: grant.subject, grantId: grant.grantId, notAfter: grant.expiresAt, ...consentOf(grant), ...bound });
    const refresh = settings.rotate
      ? { refresh_token: (await issuers.issueRefreshToken({ grant, clientId, scope: record.scope, now, parentHash: record.tokenHash, ...bound })).token }
      : {};
    return { response: { access_token: access.token, token_type: 'Bearer', expires_in: access.expiresIn, scope, ...refresh }, subject: grant.subject, ...consentOf(grant) };
  }

  return {
    grantType: 'refresh_token',
    parameters: new Set(['refresh_token', 'scope']),
    async handle({ client, parameters, now }) {
      const { clientId } = client.client;
      const record = await tokens.findByHash(hashToken(requiredParameter(parameters, 'refresh_token')));
      if (record === undefined || record.clientId !== clientId) throw invalidGrant('The refresh token is invalid', 'refresh_token_invalid');
      if (record.revokedAt !== undefined || record.expiresAt <= now) {
        await liveGrant(grants, consents, record.grantId, now); // a token that ended with its consent or grant says why
        if (record.revokedAt !== undefined) throw invalidGrant('The refresh token was revoked', 'refresh_token_invalid');
        throw invalidGrant('The refresh token has expired', 'refresh_token_expired');
      }
      if (record.certificateThumbprint !== undefined && client.certificate?.thumbprintS256 !== record.certificateThumbprint) {
        throw invalidGrant('The refresh token is bound to another client certificate', 'refresh_certificate_mismatch');
      }
      const { grant } = await liveGrant(grants, consents, record.grantId, now);
      const scope = narrowedScope(optionalParameter(parameters, 'scope'), record.scope);
      if (settings.rotate) await retire(record, clientId, now);
      return respond(client, record, grant, scope, now);
    },
  };
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
