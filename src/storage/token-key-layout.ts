import { rememberingLast } from '../shared/remembering-last.js';

/**
 * The layout of the keys access and refresh tokens are stored under (`AccessTokenRecord.tokenHash`): the token's issue
 * time in milliseconds as 12 hex digits (6 bytes, big-endian, so that keys sort like the time), then the base64url
 * SHA-256 of the token (43 characters). Tokens of earlier versions are keyed by the SHA-256 alone.
 */

/** Length of a key that starts with the issue time. */
export const TIME_KEYED_TOKEN_KEY_LENGTH = 55;

/** Hex digits of the issue-time prefix. */
const ISSUE_TIME_HEX_DIGITS = 12;

/**
 * The issue-time prefix of the keys of tokens issued at `issuedAtMs`: every key of a token issued earlier sorts below
 * it. Computed once per millisecond: every token issued within it asks.
 */
export const issueTimeKeyPrefix: (issuedAtMs: number) => string = rememberingLast((issuedAtMs) =>
  Math.floor(issuedAtMs).toString(16).padStart(ISSUE_TIME_HEX_DIGITS, '0'),
);
