import type { EndpointRequest } from '../endpoints/endpoint.types.js';
import { OAuthError } from '../errors/oauth-error.js';
import type { ReasonKey } from '../errors/reason-catalogue.js';
import type { AccessTokenRecord } from '../storage/ports.js';
import type { TokenLookup } from '../tokens/token-lookup.js';

const BEARER = /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/i;

const refuse = (description: string, reason: ReasonKey) =>
  new OAuthError('invalid_token', description, {
    reason,
    headers: { 'www-authenticate': `Bearer realm="obas", error="invalid_token"` },
  });

/**
 * A client's own access token presented as a Bearer token (RFC 6750 §2.1): active, obtained with client_credentials
 * (no PSU behind it), and — when certificate-bound — presented over the same certificate (RFC 8705 §3: the resource
 * compares `x5t#S256` with the mTLS certificate). Failures are `invalid_token`, 401 with `WWW-Authenticate` (§3).
 */
export async function clientAccessToken(request: EndpointRequest, tokens: TokenLookup): Promise<AccessTokenRecord> {
  const header = request.headers['authorization'];
  if (header === undefined) throw refuse('A Bearer access token is required', 'access_token_missing');
  const token = BEARER.exec(header)?.[1];
  const found = token === undefined ? undefined : await tokens.find(token, 'access_token');
  if (found?.kind !== 'access_token' || !tokens.isActive(found, request.now) || found.record.grantId !== undefined) {
    throw refuse('The access token is not an active client_credentials token', 'access_token_invalid');
  }
  const thumbprint = found.record.certificateThumbprint;
  if (thumbprint !== undefined && request.clientCertificate?.thumbprintS256 !== thumbprint) {
    throw refuse('The access token is bound to another client certificate', 'access_token_invalid');
  }
  return found.record;
}
