import type { AuthenticateClient } from '../client-auth/client-authentication.js';
import { unauthorizedClient } from '../errors/error-factories.js';
import type { AccessTokenRepository, GrantRepository } from '../storage/ports.js';
import type { TokenLookup } from '../tokens/token-lookup.js';
import { tokenFacts } from './audit-facts.js';
import type { Endpoint } from '../protocol/endpoint.types.js';
import { optionalParameter, requiredParameter } from '../protocol/form-fields.js';
import { NO_STORE_HEADERS } from '../protocol/no-store.js';
import { requireForm } from '../protocol/require-form.js';

/**
 * Token revocation (RFC 7009 §2): the authenticated client revokes one of its own tokens. Unknown, expired or already
 * revoked tokens answer 200 (§2.2); a token issued to another client is refused (§2.1). `token_type_hint` only orders
 * the lookup. Revoking a refresh token revokes the whole grant behind it: every refresh and access token issued under
 * it (§2.1: "revocation of a refresh token will also trigger the revocation of all associated access tokens");
 * revoking an access token leaves the refresh token alone.
 */
export function createRevocationEndpoint(
  authenticateClient: AuthenticateClient,
  tokens: TokenLookup,
  storage: { readonly accessTokens: AccessTokenRepository; readonly grants: GrantRepository },
): Endpoint {
  return async (request) => {
    const form = requireForm(request);
    const token = requiredParameter(form, 'token');
    const { client } = await authenticateClient(
      { form, authorization: request.headers['authorization'], certificate: request.clientCertificate },
      request.now,
    );
    request.audit({ clientId: client.clientId });
    const found = await tokens.find(token, optionalParameter(form, 'token_type_hint'));
    if (found !== undefined && found.record.clientId !== client.clientId) {
      throw unauthorizedClient('The token was not issued to this client', 'token_not_owned', { detail: `owner ${found.record.clientId}` });
    }
    if (found?.kind === 'refresh_token') await storage.grants.revoke(found.record.grantId, request.now);
    if (found?.kind === 'access_token') await storage.accessTokens.revoke(found.record.tokenHash, client.clientId, request.now);
    if (found !== undefined) request.audit({ ...tokenFacts(found), decision: 'revoked' });
    return { status: 200, headers: NO_STORE_HEADERS };
  };
}
