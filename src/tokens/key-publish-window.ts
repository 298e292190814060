import type { TokenLifetimes } from './token-lifetimes.js';

/** JARM responses (authorization responses as JWTs) live at most this long (JARM §2.1 recommends 10 minutes). */
export const JARM_RESPONSE_LIFETIME_SECONDS = 600;

/**
 * How long a retired signing key stays in the JWKS: longer than any JWT signed with it can live (access token, ID
 * token, JARM response), with an hour's margin for clocks and caches of relying parties.
 */
export function retiredKeyPublishSeconds(lifetimes: TokenLifetimes): number {
  return Math.max(lifetimes.accessToken, lifetimes.idToken, JARM_RESPONSE_LIFETIME_SECONDS) + 3600;
}
