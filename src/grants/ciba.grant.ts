import { redeemBackchannelRequest } from '../authorization/ciba-lifecycle.js';
import { CIBA_GRANT_TYPE } from '../clients/backchannel-settings.js';
import { requiredParameter } from '../protocol/form-fields.js';
import type { BackchannelRequestRepository, GrantRepository } from '../storage/ports.js';
import type { GrantHandler } from './grant-handler.js';
import { consentOf, liveGrant, type GrantTokenIssuers } from './grant-tokens.js';
import { issuePsuGrantTokens } from './psu-grant-tokens.js';
import { tokenResponse } from './token-response.js';

/**
 * `urn:openid:params:grant-type:ciba` (OpenID CIBA Core 1.0 §10.1, §11), used by poll and ping clients alike: the
 * `auth_req_id` is redeemed (`redeemBackchannelRequest`: `authorization_pending`, `slow_down`, `expired_token`,
 * `access_denied`, `invalid_grant`; tokens issued once across processes), then, from the grant the PSU's approval
 * created, an access token bound as the request decided, a refresh token where the profile and the client's
 * registration call for one, and an ID token (the request had `openid`, §10.1.1) with `at_hash`.
 */
export function createCibaGrant(
  requests: Pick<BackchannelRequestRepository, 'poll' | 'claim'>,
  grants: Pick<GrantRepository, 'findWithConsent'>,
  issuers: GrantTokenIssuers,
): GrantHandler {
  return {
    grantType: CIBA_GRANT_TYPE,
    parameters: new Set(['auth_req_id']),
    async handle({ client, parameters, binding, now }) {
      const { clientId } = client.client;
      const request = await redeemBackchannelRequest(requests, requiredParameter(parameters, 'auth_req_id'), clientId, now);
      const live = await liveGrant(grants, request.grantId, now);
      const issued = await issuePsuGrantTokens(issuers, { client: client.client, live, binding, now });
      const { grant } = live;
      return { response: tokenResponse(issued, binding), subject: grant.subject, ...consentOf(grant) };
    },
  };
}
