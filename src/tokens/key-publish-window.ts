import type { TokenLifetimes } from '../config/config.types.js';

/**
 * How long a retired signing key stays in the JWKS: longer than any token signed with it can live (the access token
 * lifetime), with an hour's margin for clocks and caches of relying parties.
 */
export function retiredKeyPublishSeconds(lifetimes: TokenLifetimes): number {
  return lifetimes.accessToken + 3600;
}
