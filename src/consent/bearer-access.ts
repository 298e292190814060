import type { EndpointRequest, EndpointResponse } from '../protocol/endpoint.types.js';
import { invalidDpopProof, invalidToken } from '../errors/error-factories.js';
import { OAuthError } from '../errors/oauth-error.js';
import type { AccessTokenRecord } from '../storage/ports.js';
import { bearerToken, clientCredentialsToken } from '../tokens/client-credentials-bearer.js';
import { asResourceServerError, dpopChallenge } from '../tokens/dpop-challenge.js';
import type { DpopGate } from '../tokens/dpop-gate.js';
import type { TokenLookup } from '../tokens/token-lookup.js';

/** What checks a client's access token at a resource on the mTLS listener. */
export interface ClientTokenAccess {
  readonly tokens: TokenLookup;
  readonly dpop: DpopGate;
  /** Base URL of the mTLS listener: with the request's path, the `htu` of DPoP proofs sent to it (RFC 9449 §4.3). */
  readonly origin: string;
}

const DPOP_SCHEME = /^DPoP +([A-Za-z0-9\-._~+/]+=*)$/i;

/** The token of an `Authorization` header and its scheme: `Bearer` (RFC 6750 §2.1) or `DPoP` (RFC 9449 §7.1). */
function presentedToken(header: string): { readonly scheme: 'Bearer' | 'DPoP'; readonly token: string } | undefined {
  const dpop = DPOP_SCHEME.exec(header)?.[1];
  if (dpop !== undefined) return { scheme: 'DPoP', token: dpop };
  const bearer = bearerToken(header);
  return bearer === undefined ? undefined : { scheme: 'Bearer', token: bearer };
}

/** `invalid_token` answered with a `DPoP` challenge (RFC 9449 §7.1, §7.2). */
const dpopInvalidToken = (description: string) =>
  new OAuthError('invalid_token', description, {
    reason: 'access_token_invalid',
    headers: { 'www-authenticate': dpopChallenge({ error: 'invalid_token', description }) },
  });

/**
 * A client's own access token presented at a resource (RFC 6750 §2.1, RFC 9449 §7.1): active, obtained with
 * client_credentials (no PSU behind it), and presented as it is bound. Certificate-bound: over the same certificate
 * (RFC 8705 §3: the resource compares `x5t#S256` with the mTLS certificate). DPoP-bound: with the `DPoP` scheme and
 * a proof of the token's key whose `ath` is the token's hash (§7.1); the same token as `Bearer` is refused (§7.2).
 * Failures are `invalid_token` (or the proof's `invalid_dpop_proof` / `use_dpop_nonce`), 401 with `WWW-Authenticate`.
 */
export async function clientAccessToken(request: EndpointRequest, access: ClientTokenAccess): Promise<AccessTokenRecord> {
  const header = request.headers['authorization'];
  if (header === undefined) throw invalidToken('A Bearer access token is required', 'access_token_missing', true);
  const presented = presentedToken(header);
  const checked =
    presented === undefined
      ? { refused: 'inactive' as const }
      : await clientCredentialsToken(access.tokens, presented.token, request.clientCertificate?.thumbprintS256, request.now);
  if ('refused' in checked || presented === undefined) {
    throw 'refused' in checked && checked.refused === 'other_certificate'
      ? invalidToken('The access token is bound to another client certificate', 'access_token_invalid')
      : invalidToken('The access token is not an active client_credentials token', 'access_token_invalid');
  }
  const { record } = checked;
  const jkt = record.dpopKeyThumbprint;
  if (jkt === undefined) {
    if (presented.scheme === 'DPoP') throw dpopInvalidToken('The access token is not DPoP-bound; present it as a Bearer token');
    return record;
  }
  if (presented.scheme !== 'DPoP') throw dpopInvalidToken('The access token is DPoP-bound; present it with the DPoP scheme and a DPoP proof');
  try {
    const url = `${access.origin}${request.url}`;
    const proof = await access.dpop.proof(request, { url, required: true, accessToken: presented.token });
    if (proof?.jkt !== jkt) throw invalidDpopProof('The DPoP proof key is not the key the access token is bound to', 'dpop_key_mismatch');
  } catch (error) {
    throw error instanceof OAuthError ? asResourceServerError(error) : error;
  }
  return record;
}

/**
 * A successful answer to a request whose token was DPoP-bound, with the fresh `DPoP-Nonce` the deployment's nonces
 * call for (RFC 9449 §9: a resource server may supply a new nonce on any response); unchanged otherwise.
 */
export function withDpopNonce(response: EndpointResponse, token: AccessTokenRecord, access: ClientTokenAccess, now: Date): EndpointResponse {
  if (token.dpopKeyThumbprint === undefined) return response;
  return { ...response, headers: { ...response.headers, ...access.dpop.responseHeaders(now) } };
}
