import { OAuthError } from './oauth-error.js';

/**
 * The token error responses of the CIBA grant about a request's state (OpenID CIBA Core 1.0 §11): each a 400 with an
 * RFC 6749 §5.2 body. An unknown, another client's or already exchanged `auth_req_id` is `invalid_grant`
 * (`error-factories.ts`).
 */

/** `authorization_pending`: the PSU has not decided yet; the client keeps polling at its interval. */
export const authorizationPending = () =>
  new OAuthError('authorization_pending', 'The PSU has not yet approved the authentication request', { reason: 'backchannel_pending' });

/** `slow_down`: still pending, and the client polled too soon; it must add 5 seconds to its interval from now on. */
export const slowDown = (intervalSeconds: number) =>
  new OAuthError('slow_down', `Polling too fast: wait at least ${intervalSeconds} seconds between token requests`, { reason: 'backchannel_slow_down' });

/** `expired_token`: the `auth_req_id` has expired; the client must start a new authentication request. */
export const expiredToken = () =>
  new OAuthError('expired_token', 'The authentication request has expired', { reason: 'backchannel_expired' });

/** `access_denied` as the token endpoint answers it (400, not the 403 of other endpoints): the PSU denied the request. */
export const backchannelDenied = () =>
  new OAuthError('access_denied', 'The PSU denied the authentication request', { reason: 'backchannel_denied', status: 400 });
