const UNRESERVED = /^[A-Za-z0-9\-._~]$/;

/** RFC 3986 §6.2.2.1–2: a percent-encoded unreserved character decoded, any other escape in upper-case hex. */
function normalizeEscape(escape: string): string {
  const character = String.fromCharCode(Number.parseInt(escape.slice(1), 16));
  return UNRESERVED.test(character) ? character : escape.toUpperCase();
}

/**
 * An HTTP(S) URI as DPoP compares it (RFC 9449 §4.3: "ignoring any query and fragment parts"; RFC 3986 §6.2.2
 * syntax-based and §6.2.3 scheme-based normalization): scheme and host in lower case, the default port dropped, an
 * empty path as `/`, dot segments removed, escapes of unreserved characters decoded and other escapes in upper case.
 * User information is kept, so a URI carrying it never matches a request URI. Undefined when `uri` is not an absolute
 * `http` or `https` URI.
 */
export function normalizedHtu(uri: string): string | undefined {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  url.search = '';
  url.hash = '';
  url.pathname = url.pathname.replace(/%[0-9A-Fa-f]{2}/g, normalizeEscape);
  return url.href;
}

/** Whether a proof's `htu` names the URI the request was sent to, both normalized by {@link normalizedHtu}. */
export function sameHtu(htu: string, requestUri: string): boolean {
  const claimed = normalizedHtu(htu);
  return claimed !== undefined && claimed === normalizedHtu(requestUri);
}
