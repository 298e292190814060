import { OAuthError, type OAuthErrorOptions } from '../errors/oauth-error.js';
import type { ReasonKey } from '../errors/reason-catalogue.js';

type Extra = Omit<OAuthErrorOptions, 'reason'>;

/** `invalid_software_statement` (RFC 7591 §3.2.2): the SSA is malformed, badly signed, expired or incomplete. */
export const invalidSoftwareStatement = (description: string, reason: ReasonKey, extra: Extra = {}) =>
  new OAuthError('invalid_software_statement', publicText(description), { ...extra, reason });

/** `unapproved_software_statement` (RFC 7591 §3.2.2): a valid SSA this server does not accept from this TPP. */
export const unapprovedSoftwareStatement = (description: string, reason: ReasonKey, extra: Extra = {}) =>
  new OAuthError('unapproved_software_statement', publicText(description), { ...extra, reason });

/** `invalid_client_metadata` (RFC 7591 §3.2.2). */
export const invalidClientMetadata = (description: string, reason: ReasonKey = 'client_metadata_invalid', extra: Extra = {}) =>
  new OAuthError('invalid_client_metadata', publicText(description), { ...extra, reason });

/** `invalid_redirect_uri` (RFC 7591 §3.2.2). */
export const invalidRedirectUri = (description: string) =>
  new OAuthError('invalid_redirect_uri', publicText(description), { reason: 'redirect_uri_invalid' });

/**
 * `invalid_token` (RFC 6750 §3.1) with HTTP 401 and a `WWW-Authenticate: Bearer` challenge, for RFC 7592 requests. A
 * request without any token gets the bare challenge (RFC 6750 §3.1: no error code when no credentials were sent).
 */
export const invalidToken = (description: string, reason: 'registration_token_missing' | 'registration_token_invalid') =>
  new OAuthError('invalid_token', description, {
    reason,
    headers: {
      'www-authenticate': reason === 'registration_token_missing' ? 'Bearer realm="obas"' : 'Bearer realm="obas", error="invalid_token"',
    },
  });

const REPLACEMENTS: Readonly<Record<string, string>> = { '"': "'", '\\': '/', '–': '-', '—': '-', '…': '...', '§': 'section ' };

/**
 * Makes text safe for `error_description`, which RFC 6749 §5.2 limits to printable ASCII without `"` and `\`:
 * validation messages quote values with `"` and may hold any character a client sent.
 */
export function publicText(text: string): string {
  return text.replace(/[^\x20-\x21\x23-\x5B\x5D-\x7E]/g, (char) => REPLACEMENTS[char] ?? '?');
}
