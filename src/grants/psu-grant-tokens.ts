import type { Client } from '../clients/client.js';
import { refreshTokenBinding, type SenderBinding } from '../tokens/sender-binding.js';
import { consentOf, earnsRefreshToken, refreshableScope, stagedConsentId, type GrantTokenIssuers, type LiveGrant } from './grant-tokens.js';
import { optionalTokens, type IssuedTokens } from './token-response.js';

/** What the tokens of a PSU's grant are issued from, once the grant's redemption (code, CIBA request) succeeded. */
export interface PsuGrantTokenRequest {
  readonly client: Client;
  readonly live: LiveGrant;
  readonly binding: SenderBinding;
  readonly now: Date;
  /** The `nonce` of the authorization request, for the ID token (OpenID Connect Core §3.1.2.1). */
  readonly nonce?: string;
}

/**
 * The tokens a PSU's grant earns (authorization_code, CIBA): an access token bound as the request decided and ending
 * with the grant, a refresh token where the profile and the client's registration call for one (bound to the client's
 * certificate, never to a DPoP key), and an ID token for `openid` with `at_hash`, the staged consent and, under UK OB,
 * the refresh token's expiry.
 */
export async function issuePsuGrantTokens(issuers: GrantTokenIssuers, request: PsuGrantTokenRequest): Promise<IssuedTokens> {
  const { client, live, binding, now } = request;
  const { grant } = live;
  const { clientId } = client;
  const scope = grant.scope.split(' ');
  // Issued side by side: on SQLite both rows then share one group commit.
  const [access, refresh] = await Promise.all([
    issuers.issueAccessToken({ clientId, clientCreatedAt: client.record.createdAt, scope: grant.scope, now, subject: grant.subject, grantId: grant.grantId, notAfter: grant.expiresAt, ...consentOf(grant), ...binding }),
    earnsRefreshToken(issuers.profile, scope, client)
      ? issuers.issueRefreshToken({ grant, clientId, scope: refreshableScope(issuers.profile, scope).join(' '), now, ...refreshTokenBinding(binding) })
      : undefined,
  ]);
  const idToken = scope.includes('openid')
    ? issuers.issueIdToken({
        clientId,
        subject: grant.subject,
        authTime: grant.authTime,
        now,
        accessToken: access.token,
        ...(request.nonce === undefined ? {} : { nonce: request.nonce }),
        ...(grant.acr === undefined ? {} : { acr: grant.acr }),
        ...stagedConsentId(live),
        ...(refresh === undefined || issuers.profile !== 'uk-ob' ? {} : { refreshTokenExpiresAt: refresh.expiresAt }),
      })
    : undefined;
  return { accessToken: access.token, expiresIn: access.expiresIn, scope: grant.scope, ...optionalTokens(refresh?.token, idToken) };
}
