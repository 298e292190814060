import { optionalParameter } from '../protocol/form-fields.js';
import type { IssueAccessToken } from '../tokens/access-token-issuer.js';
import { certificateBinding } from '../tokens/certificate-binding.js';
import type { GrantHandler } from './grant-handler.js';
import { grantableScope } from '../authorization/scope-policy.js';

/**
 * `client_credentials` (RFC 6749 §4.4): an access token for the client itself, scope within the registered scope,
 * certificate-bound (RFC 8705 §3) when the client or profile asks for it. No refresh token (§4.4.3).
 */
export function createClientCredentialsGrant(issueAccessToken: IssueAccessToken, alwaysBindTokens: boolean): GrantHandler {
  return {
    grantType: 'client_credentials',
    parameters: new Set(['scope']),
    async handle({ client, parameters, now }) {
      const { metadata, clientId } = client.client;
      const scope = grantableScope(optionalParameter(parameters, 'scope'), metadata);
      const thumbprint = certificateBinding(metadata, client.certificate, alwaysBindTokens);
      const issued = await issueAccessToken({
        clientId,
        scope,
        now,
        ...(thumbprint === undefined ? {} : { certificateThumbprint: thumbprint }),
      });
      return { response: { access_token: issued.token, token_type: 'Bearer', expires_in: issued.expiresIn, scope } };
    },
  };
}
