import type { EndpointRequest } from '../protocol/endpoint.types.js';
import { invalidToken } from '../errors/error-factories.js';
import type { AccessTokenRecord } from '../storage/ports.js';
import { bearerToken, clientCredentialsToken } from '../tokens/client-credentials-bearer.js';
import type { TokenLookup } from '../tokens/token-lookup.js';

/**
 * A client's own access token presented as a Bearer token (RFC 6750 §2.1): active, obtained with client_credentials
 * (no PSU behind it), and — when certificate-bound — presented over the same certificate (RFC 8705 §3: the resource
 * compares `x5t#S256` with the mTLS certificate). Failures are `invalid_token`, 401 with `WWW-Authenticate` (§3).
 */
export async function clientAccessToken(request: EndpointRequest, tokens: TokenLookup): Promise<AccessTokenRecord> {
  const header = request.headers['authorization'];
  if (header === undefined) throw invalidToken('A Bearer access token is required', 'access_token_missing', true);
  const token = bearerToken(header);
  const checked = token === undefined ? { refused: 'inactive' as const } : await clientCredentialsToken(tokens, token, request.clientCertificate?.thumbprintS256, request.now);
  if ('record' in checked) return checked.record;
  throw checked.refused === 'inactive'
    ? invalidToken('The access token is not an active client_credentials token', 'access_token_invalid')
    : invalidToken('The access token is bound to another client certificate', 'access_token_invalid');
}
