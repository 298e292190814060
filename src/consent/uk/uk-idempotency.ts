import { OAuthError } from '../../errors/oauth-error.js';
import type { ReasonKey } from '../../errors/reason-catalogue.js';
import { isRecord } from '../../shared/is-record.js';

/** Longest `x-idempotency-key` (UK OB read/write data API profile, "Idempotency": at most 40 characters). */
export const IDEMPOTENCY_KEY_MAX_LENGTH = 40;

/**
 * The `x-idempotency-key` of a payment consent POST: missing → 400 U007 Header.Missing; empty, longer than 40
 * characters or containing white space → 400 U006 Header.Invalid (`Path` the header name in both cases).
 */
export function readIdempotencyKey(headers: Readonly<Record<string, string | undefined>>): string {
  const key = headers['x-idempotency-key'];
  if (key === undefined) throw headerError('header_missing', 'The x-idempotency-key header is required');
  if (key.length === 0 || key.length > IDEMPOTENCY_KEY_MAX_LENGTH || /\s/.test(key)) {
    throw headerError('header_invalid', `The x-idempotency-key must be 1 to ${IDEMPOTENCY_KEY_MAX_LENGTH} characters without white space`);
  }
  return key;
}

function headerError(reason: ReasonKey, message: string): OAuthError {
  return new OAuthError('invalid_request', message, { reason, fields: [{ reason, message, path: 'x-idempotency-key' }] });
}

/**
 * A canonical JSON text of a parsed body (object members sorted by name, no white space): two requests carry "the
 * same body" for idempotency when their canonical texts are equal, whatever their member order or spacing.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isRecord(value)) {
    const members = Object.keys(value)
      .sort()
      .filter((name) => value[name] !== undefined)
      .map((name) => `${JSON.stringify(name)}:${canonicalJson(value[name])}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
