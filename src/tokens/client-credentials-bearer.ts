import type { AccessTokenRecord } from '../storage/ports.js';
import type { TokenLookup } from './token-lookup.js';

const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i;

/** The `b64token` of an `Authorization: Bearer …` header value (RFC 6750 §2.1), or undefined when there is none. */
export function bearerToken(authorization: string | undefined): string | undefined {
  return authorization === undefined ? undefined : BEARER.exec(authorization)?.[1];
}

/**
 * The record of `token` if it is an active access token issued by client_credentials — no grant, so no PSU behind it
 * — and, when certificate-bound, presented over that certificate (RFC 8705 §3: `x5t#S256` equals the thumbprint of
 * the mTLS client certificate). Undefined otherwise, with the reason.
 */
export async function clientCredentialsToken(
  tokens: TokenLookup,
  token: string,
  presentedThumbprint: string | undefined,
  now: Date,
): Promise<{ readonly record: AccessTokenRecord } | { readonly refused: 'inactive' | 'other_certificate' }> {
  const found = await tokens.find(token, 'access_token');
  if (found?.kind !== 'access_token' || !tokens.isActive(found, now) || found.record.grantId !== undefined) return { refused: 'inactive' };
  const bound = found.record.certificateThumbprint;
  if (bound !== undefined && bound !== presentedThumbprint) return { refused: 'other_certificate' };
  return { record: found.record };
}
