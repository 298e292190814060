import type { AuthorizationResponseType } from '../protocol/response-types.js';

/** How the authorization response travels (OAuth 2.0 Multiple Response Types §2.1, JARM §2.3). */
export type ResponseMode = 'query' | 'fragment' | 'query.jwt' | 'fragment.jwt';

/** Where an authorization response (success or error) goes: a redirect URI the client registered. */
export interface ResponseTarget {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly responseMode: ResponseMode;
  readonly state?: string;
}

/**
 * A validated authorization request (RFC 6749 §4.1.1, OpenID Connect Core §3.1.2.1 / §3.3.2.1, RFC 7636 §4.3): what
 * the PSU interaction carries and the authorization code is issued against. Plain data, stored as JSON.
 */
export interface AuthorizationRequest extends ResponseTarget {
  readonly responseType: AuthorizationResponseType;
  readonly scope: readonly string[];
  readonly nonce?: string;
  /** RFC 7636 S256 challenge. */
  readonly codeChallenge: string;
  /** `openbanking_intent_id` asked for in the `claims` parameter. */
  readonly intentId?: string;
  /** The authentication context class the ID token will state (UK OB `urn:openbanking:psd2:sca` / `…:ca`). */
  readonly acr: string;
  /** RFC 9449 §10 `dpop_jkt`: the code is bound to this DPoP key's thumbprint. */
  readonly dpopKeyThumbprint?: string;
}

/** Reads back a request stored by {@link toStoredRequest} (obas wrote it, so its shape is known). */
export function fromStoredRequest(stored: Readonly<Record<string, unknown>>): AuthorizationRequest {
  return stored as unknown as AuthorizationRequest;
}

/** The JSON object an interaction stores. */
export function toStoredRequest(request: AuthorizationRequest): Readonly<Record<string, unknown>> {
  return { ...request };
}

/** Whether the request asks for an ID token (OpenID Connect: the `openid` scope). */
export const wantsIdToken = (request: Pick<AuthorizationRequest, 'scope'>): boolean => request.scope.includes('openid');
