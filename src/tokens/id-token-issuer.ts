import { createHash } from 'node:crypto';
import type { SigningAlg } from '../protocol/signing-algorithms.js';
import { signJws } from './jws-signer.js';
import type { KeyStore } from './key-store.js';

/** Configuration slice for ID tokens. */
export interface IdTokenSettings {
  readonly issuer: string;
  readonly alg: SigningAlg;
  readonly lifetimeSeconds: number;
}

/** What an ID token states, and the values it binds by hash. */
export interface IdTokenContent {
  readonly clientId: string;
  readonly subject: string;
  readonly authTime: Date;
  readonly now: Date;
  readonly nonce?: string;
  readonly acr?: string;
  /** UK OB `openbanking_intent_id`: the consent the PSU authorised. */
  readonly intentId?: string;
  /** Bound by `at_hash` (OpenID Connect Core §3.3.2.11 / §3.1.3.6). */
  readonly accessToken?: string;
  /** Bound by `c_hash` (§3.3.2.11). */
  readonly code?: string;
  /**
   * UK OB read/write data API profile (v3.1.11, "ID token"): when the token endpoint also issues a refresh token that
   * expires, its expiry as `http://openbanking.org.uk/refresh_token_expires_at` (NumericDate).
   */
  readonly refreshTokenExpiresAt?: Date;
  /** Bound by `s_hash` (FAPI 1.0 Advanced §5.2.2.1-5: the ID token as detached signature covers `state`). */
  readonly state?: string;
}

/** The UK OB ID token claim stating the refresh token's expiry. */
export const UK_REFRESH_TOKEN_EXPIRES_AT = 'http://openbanking.org.uk/refresh_token_expires_at';

/** Issues one signed ID token. */
export type IssueIdToken = (content: IdTokenContent) => string;

/**
 * The left-most half of the SHA-256 hash of `value`, base64url (OpenID Connect Core §3.3.2.11): the hash of both
 * PS256 and ES256 is SHA-256.
 */
function leftHalfHash(value: string): string {
  return createHash('sha256').update(value, 'ascii').digest().subarray(0, 16).toString('base64url');
}

/**
 * ID tokens (OpenID Connect Core §2, §3.1.3.6, §3.3.2.11; FAPI 1.0 Advanced §5.2.2.1, §8.6): signed with the server's
 * active PS256 or ES256 key (`kid` in the header), `iss`, `sub`, `aud` = client_id, `exp`, `iat`, `auth_time`, and
 * `nonce`, `acr`, `openbanking_intent_id`, `at_hash`, `c_hash`, `s_hash` when given.
 */
export function createIdTokenIssuer(settings: IdTokenSettings, keys: KeyStore): IssueIdToken {
  return (content) => {
    const issuedAt = Math.floor(content.now.getTime() / 1000);
    const payload: Record<string, unknown> = {
      iss: settings.issuer,
      sub: content.subject,
      aud: content.clientId,
      exp: issuedAt + settings.lifetimeSeconds,
      iat: issuedAt,
      auth_time: Math.floor(content.authTime.getTime() / 1000),
    };
    if (content.nonce !== undefined) payload['nonce'] = content.nonce;
    if (content.acr !== undefined) payload['acr'] = content.acr;
    if (content.intentId !== undefined) payload['openbanking_intent_id'] = content.intentId;
    if (content.accessToken !== undefined) payload['at_hash'] = leftHalfHash(content.accessToken);
    if (content.code !== undefined) payload['c_hash'] = leftHalfHash(content.code);
    if (content.state !== undefined) payload['s_hash'] = leftHalfHash(content.state);
    if (content.refreshTokenExpiresAt !== undefined) payload[UK_REFRESH_TOKEN_EXPIRES_AT] = Math.floor(content.refreshTokenExpiresAt.getTime() / 1000);
    return signJws(keys.activeKey(settings.alg), { typ: 'JWT' }, payload);
  };
}
