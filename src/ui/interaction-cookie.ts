import { createHash } from 'node:crypto';
import { constantTimeEqual } from '../tokens/token-hash.js';

/**
 * Name of the PSU session cookie. The `__Host-` prefix makes browsers insist on `Secure`, `Path=/` and no `Domain`
 * (RFC 6265bis §4.1.3.2), so no sibling host can set or read it.
 */
export const INTERACTION_COOKIE = '__Host-obas-interaction';

/**
 * `Set-Cookie` for the PSU session: Secure, HttpOnly (no script reads it), SameSite=Lax (sent on the top-level
 * navigation from the TPP that starts the interaction, never on cross-site posts), living as long as the interaction.
 */
export function interactionCookie(value: string, maxAgeSeconds: number): string {
  return `${INTERACTION_COOKIE}=${value}; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}`;
}

/** `Set-Cookie` that deletes the PSU session cookie once the interaction is over. */
export function expiredInteractionCookie(): string {
  return `${INTERACTION_COOKIE}=; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=0`;
}

/** The value of cookie `name` in a `Cookie` header (RFC 6265 §5.4), or undefined; the first one wins. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  for (const pair of header.split(';')) {
    const separator = pair.indexOf('=');
    if (separator > 0 && pair.slice(0, separator).trim() === name) return pair.slice(separator + 1).trim();
  }
  return undefined;
}

/**
 * The CSRF token of a session: derived one-way from the session value (SHA-256 with a label), so nothing more is
 * stored and only the holder of the cookie can compute it. Pages put it in a hidden field; posts must return it.
 */
export function csrfTokenFor(sessionValue: string): string {
  return createHash('sha256').update(`obas-csrf:${sessionValue}`).digest('base64url');
}

/** Constant-time check of a posted CSRF token against the session's. */
export function csrfTokenMatches(sessionValue: string, posted: string | undefined): boolean {
  return constantTimeEqual(csrfTokenFor(sessionValue), posted);
}
