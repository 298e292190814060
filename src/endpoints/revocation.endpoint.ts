import type { AuthenticateClient } from '../client-auth/client-authentication.js';
import { unauthorizedClient } from '../errors/error-factories.js';
import type { AccessTokenRepository } from '../storage/ports.js';
import { hashToken } from '../tokens/token-hash.js';
import type { Endpoint } from './endpoint.types.js';
import { requiredParameter } from './form-fields.js';
import { NO_STORE_HEADERS } from './no-store.js';
import { requireForm } from './require-form.js';

/**
 * Token revocation (RFC 7009 §2): the authenticated client revokes one of its own tokens. Unknown, expired or already
 * revoked tokens answer 200 (§2.2); a token issued to another client is refused (§2.1). `token_type_hint` is only a
 * hint and is not required to match.
 */
export function createRevocationEndpoint(authenticateClient: AuthenticateClient, accessTokens: AccessTokenRepository): Endpoint {
  return async (request) => {
    const form = requireForm(request);
    const token = requiredParameter(form, 'token');
    const { client } = await authenticateClient(
      { form, authorization: request.headers['authorization'], certificate: request.clientCertificate },
      request.now,
    );
    const tokenHash = hashToken(token);
    const record = await accessTokens.findByHash(tokenHash);
    if (record !== undefined && record.clientId !== client.clientId) {
      throw unauthorizedClient('The token was not issued to this client', { detail: `owner ${record.clientId}` });
    }
    if (record !== undefined) await accessTokens.revoke(tokenHash, client.clientId, request.now);
    return { status: 200, headers: NO_STORE_HEADERS };
  };
}
