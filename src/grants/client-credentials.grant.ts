import { optionalParameter } from '../protocol/form-fields.js';
import type { AccessTokenRequest, IssueAccessToken } from '../tokens/access-token-issuer.js';
import type { Mutable } from '../shared/mutable.js';
import type { GrantHandler } from './grant-handler.js';
import { grantableScope } from '../authorization/scope-policy.js';
import { tokenResponse } from './token-response.js';

/**
 * `client_credentials` (RFC 6749 §4.4): an access token for the client itself, scope within the registered scope,
 * bound as the token endpoint decided (RFC 8705 §3, RFC 9449 §6). No refresh token (§4.4.3).
 */
export function createClientCredentialsGrant(issueAccessToken: IssueAccessToken): GrantHandler {
  return {
    grantType: 'client_credentials',
    parameters: new Set(['scope']),
    changesNothingBeforeIssuing: true,
    // Not async: one promise continuation (this runs for every client_credentials token); a bad scope throws at once.
    handle({ client, parameters, binding, now }) {
      const { clientId } = client.client;
      const scope = grantableScope(optionalParameter(parameters, 'scope'), client.client);
      // Member by member (no spreads): this runs for every client_credentials token.
      const request: Mutable<AccessTokenRequest> = { clientId, clientCreatedAt: client.client.record.createdAt, scope, now };
      if (binding.certificateThumbprint !== undefined) request.certificateThumbprint = binding.certificateThumbprint;
      if (binding.dpopKeyThumbprint !== undefined) request.dpopKeyThumbprint = binding.dpopKeyThumbprint;
      if (client.recalledVersion !== undefined) request.clientVersion = client.recalledVersion;
      return issueAccessToken(request).then((issued) => ({
        response: tokenResponse({ accessToken: issued.token, expiresIn: issued.expiresIn, scope }, binding),
      }));
    },
  };
}
