/** Token lifetimes in seconds. */
export interface TokenLifetimes {
  readonly accessToken: number;
  /** Longest `exp - now` accepted in a client assertion (private_key_jwt). */
  readonly clientAssertionMaxAge: number;
  /** Authorization codes (RFC 6749 §4.1.2: short, at most 60 s here). */
  readonly authorizationCode: number;
  /** `expires_in` of a pushed authorization request's `request_uri` (RFC 9126 §2.2; at most 90 s here). */
  readonly requestUri: number;
  readonly idToken: number;
  /** Longest life of one refresh token; never beyond the consent's expiry. */
  readonly refreshToken: number;
  /** How long a PSU's authorization (the grant) lasts when the intent sets no earlier expiry. */
  readonly consent: number;
  /** How long a PSU has to log in and decide, from the authorization request. */
  readonly interaction: number;
}
