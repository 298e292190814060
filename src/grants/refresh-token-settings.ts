/** Refresh token policy (RFC 6749 §6, RFC 9700 §4.14.2). */
export interface RefreshTokenSettings {
  /** Issue a new refresh token on every use and retire the old one. */
  readonly rotate: boolean;
  /** Seconds after rotation during which the previous token still works once (a TPP that lost the response). */
  readonly graceSeconds: number;
}
