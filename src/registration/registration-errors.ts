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

const REPLACEMENTS: Readonly<Record<string, string>> = { '"': "'", '\\': '/', '–': '-', '—': '-', '…': '...', '§': 'section ' };

/**
 * Makes text safe for `error_description`, which RFC 6749 §5.2 limits to printable ASCII without `"` and `\`:
 * validation messages quote values with `"` and may hold any character a client sent.
 */
export function publicText(text: string): string {
  return text.replace(/[^\x20-\x21\x23-\x5B\x5D-\x7E]/g, (char) => REPLACEMENTS[char] ?? '?');
}
