import { redeemBackchannelRequest } from '../authorization/ciba-lifecycle.js';
import { CIBA_GRANT_TYPE } from '../clients/backchannel-settings.js';
import { requiredParameter } from '../protocol/form-fields.js';
import type { BackchannelRequestRepository, ConsentRepository, GrantRepository } from '../storage/ports.js';
import { refreshTokenBinding } from '../tokens/sender-binding.js';
import type { GrantHandler } from './grant-handler.js';
import { consentOf, earnsRefreshToken, liveGrant, refreshableScope, stagedConsentId, type GrantTokenIssuers } from './grant-tokens.js';
import { optionalTokens, tokenResponse } from './token-response.js';

/**
 * `urn:openid:params:grant-type:ciba` (OpenID CIBA Core 1.0 §10.1, §11), used by poll and ping clients alike: the
 * `auth_req_id` is redeemed (`redeemBackchannelRequest`: `authorization_pending`, `slow_down`, `expired_token`,
 * `access_denied`, `invalid_grant`; tokens issued once across processes), then, from the grant the PSU's approval
 * created, an access token bound as the request decided, a refresh token where the profile and the client's
 * registration call for one, and an ID token (the request had `openid`, §10.1.1) with `at_hash`.
 */
export function createCibaGrant(
  requests: Pick<BackchannelRequestRepository, 'poll' | 'claim'>,
  grants: GrantRepository,
  consents: Pick<ConsentRepository, 'find'>,
  issuers: GrantTokenIssuers,
): GrantHandler {
  return {
    grantType: CIBA_GRANT_TYPE,
    parameters: new Set(['auth_req_id']),
    async handle({ client, parameters, binding, now }) {
      const { clientId } = client.client;
      const request = await redeemBackchannelRequest(requests, requiredParameter(parameters, 'auth_req_id'), clientId, now);
      const live = await liveGrant(grants, consents, request.grantId, now);
      const { grant } = live;
      const access = await issuers.issueAccessToken({ clientId, scope: grant.scope, now, subject: grant.subject, grantId: grant.grantId, notAfter: grant.expiresAt, ...consentOf(grant), ...binding });
      const scope = grant.scope.split(' ');
      const refresh = earnsRefreshToken(issuers.profile, scope, client.client)
        ? await issuers.issueRefreshToken({ grant, clientId, scope: refreshableScope(issuers.profile, scope).join(' '), now, ...refreshTokenBinding(binding) })
        : undefined;
      const idToken = scope.includes('openid')
        ? issuers.issueIdToken({
            clientId,
            subject: grant.subject,
            authTime: grant.authTime,
            now,
            accessToken: access.token,
            ...(grant.acr === undefined ? {} : { acr: grant.acr }),
            ...stagedConsentId(live),
            ...(refresh === undefined || issuers.profile !== 'uk-ob' ? {} : { refreshTokenExpiresAt: refresh.expiresAt }),
          })
        : undefined;
      const issued = { accessToken: access.token, expiresIn: access.expiresIn, scope: grant.scope, ...optionalTokens(refresh?.token, idToken) };
      return { response: tokenResponse(issued, binding), subject: grant.subject, ...consentOf(grant) };
    },
  };
}
