/** Tolerated clock difference, seconds, for `iat`, `exp` and `nbf` of JWTs obas receives (RFC 7519 §4.1.4 "leeway"). */
export const CLOCK_SKEW_SECONDS = 10;
