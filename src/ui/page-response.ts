import type { EndpointResponse } from '../protocol/endpoint.types.js';
import type { SafeHtml } from './html.js';

/**
 * Headers of every PSU page: a Content-Security-Policy that allows no script at all and only our stylesheet, forms
 * posting to obas itself or to the client's redirect URI origin (`formTargets`: CSP3 `form-action` also governs the
 * redirect that follows a form post), no framing (`frame-ancestors 'none'` and `X-Frame-Options: DENY` against
 * clickjacking, RFC 9700 §4.16), no referrer to other sites (codes travel in URLs; same-origin keeps the `Origin`
 * header of our own form posts, which `no-referrer` would turn into `null`), no caching.
 */
function pageHeaders(formTargets: readonly string[] = []): Record<string, string> {
  const formAction = ["'self'", ...formTargets].join(' ');
  return {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': `default-src 'none'; style-src 'self'; img-src 'self'; form-action ${formAction}; frame-ancestors 'none'; base-uri 'none'`,
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'same-origin',
    'cross-origin-opener-policy': 'same-origin',
    'cache-control': 'no-store',
    pragma: 'no-cache',
  };
}

/** An HTML page response. */
export function pageResponse(status: number, page: SafeHtml, extraHeaders: Readonly<Record<string, string>> = {}, formTargets: readonly string[] = []): EndpointResponse {
  return { status, headers: { ...pageHeaders(formTargets), ...extraHeaders }, body: page.text };
}

/**
 * A `303 See Other` to `location` (RFC 9110 §15.4.4): the browser follows with GET, so a form post is never re-sent
 * (RFC 9700 §4.11: 307 would forward the PSU's credentials).
 */
export function seeOther(location: string, extraHeaders: Readonly<Record<string, string>> = {}): EndpointResponse {
  return {
    status: 303,
    headers: { location, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer', ...extraHeaders },
  };
}
