/**
 * The Content-Security-Policy of the portal pages. Unlike the PSU pages (`default-src 'none'`, no script), the API
 * reference runs Swagger UI: scripts, styles and the document it fetches come from this server only, images also
 * as `data:` URIs (Swagger UI's icons, the empty favicon). Nothing may frame the pages, no form posts anywhere.
 */
export const PORTAL_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

/**
 * Headers of every portal page: the CSP above, no framing (also `X-Frame-Options` for older browsers), no sniffing,
 * same-origin referrers. The page depends on `Accept-Language` when the path names no language; it is static
 * otherwise, so caches may keep it briefly.
 */
export const PORTAL_PAGE_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': PORTAL_CSP,
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'cross-origin-opener-policy': 'same-origin',
  'cache-control': 'public, max-age=300',
  vary: 'accept-language',
};
