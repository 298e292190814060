import { issueTimeKeyPrefix } from '../storage/token-key-layout.js';
import { hashToken, randomHandle } from './token-hash.js';
import { rememberingLast } from '../shared/remembering-last.js';

const ISSUE_TIME_CHARS = 8;
const OPAQUE_ACCESS_TOKEN_CHARS = 51;
const JWT_ID_CHARS = 30;
const MAX_JWT_PAYLOAD_CHARS = 16_384;

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
/** What one unit of each issue-time character is worth, most significant first: 2^42, 2^36, …, 2^0 (no `**` per token). */
const CHAR_WEIGHTS: readonly number[] = Array.from({ length: ISSUE_TIME_CHARS }, (_, index) => 2 ** ((ISSUE_TIME_CHARS - 1 - index) * 6));

/**
 * The issue time (milliseconds, 48-bit big-endian) in base64url: 8 characters of 6 bits each, computed without a
 * Buffer (one fewer ArrayBuffer per token for the garbage collector to sweep), once per millisecond.
 */
const issueTimeChars = rememberingLast((issuedAtMs: number): string => {
  let chars = '';
  for (const weight of CHAR_WEIGHTS) chars += BASE64URL[Math.floor(issuedAtMs / weight) % 64];
  return chars;
});

/** `bytes` random bytes after the issue time, base64url. */
function timePrefixed(issuedAtMs: number, bytes: number): string {
  return issueTimeChars(issuedAtMs) + randomHandle(bytes);
}

/**
 * A new opaque access or refresh token: the issue time followed by 256 random bits, base64url (51 characters). The
 * time prefix carries no secret — a JWT's `iat` is public too — and makes storage keys ({@link tokenKey}) grow with
 * time, so that storing a token appends to an index instead of dirtying a random page of it on every insert.
 */
export function newOpaqueToken(issuedAtMs: number): string {
  return timePrefixed(issuedAtMs, 32);
}

/** A new `jti` for a JWT access token (RFC 9068 §2.2): the issue time followed by 128 random bits (30 characters). */
export function newJwtId(issuedAtMs: number): string {
  return timePrefixed(issuedAtMs, 16);
}

/** The time-prefixed identifier a token is keyed by: the opaque token itself, or a JWT's `jti`; else undefined. */
function timePrefixedIdOf(token: string): string | undefined {
  if (token.length === OPAQUE_ACCESS_TOKEN_CHARS && !token.includes('.')) return token;
  const [, payload, signature, extra] = token.split('.');
  if (payload === undefined || signature === undefined || extra !== undefined || payload.length > MAX_JWT_PAYLOAD_CHARS) return undefined;
  try {
    const jti: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))?.jti;
    return typeof jti === 'string' && jti.length === JWT_ID_CHARS ? jti : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The storage key of an access or refresh token: the issue time of an opaque token from {@link newOpaqueToken} or of
 * a JWT whose `jti` comes from {@link newJwtId}, in hex (which sorts like the time, unlike base64url), followed by the
 * SHA-256 of the whole token; for tokens of earlier versions, the SHA-256 alone. A key gives nothing usable to
 * whoever reads the database, like {@link hashToken}.
 */
export function tokenKey(token: string, hash = hashToken(token)): string {
  const id = timePrefixedIdOf(token);
  return id === undefined ? hash : Buffer.from(id.slice(0, ISSUE_TIME_CHARS), 'base64url').toString('hex') + hash;
}

/**
 * {@link tokenKey} of a token just made with {@link newOpaqueToken} or {@link newJwtId} at `issuedAtMs`,
 * without reading the time back out of it (the issuer knows it).
 */
export function newTokenKey(token: string, issuedAtMs: number): string {
  return issueTimeKeyPrefix(issuedAtMs) + hashToken(token);
}
