import { PORTAL_PAGE_HEADERS } from '../portal/portal-headers.js';
import { PORTAL_TEXTS } from '../portal/portal-texts-by-language.js';
import type { PortalView } from '../portal/portal-view.js';
import type { SafeHtml } from '../ui/html.js';
import { pageLanguage } from '../protocol/language.js';
import type { Endpoint } from '../protocol/endpoint.types.js';

/** The server-wide part of a portal page's view: everything but the language. */
export type PortalContext = Omit<PortalView, 'language' | 'prefix' | 'texts'>;

/**
 * A page of the developer portal: in the language of the path prefix, `?lang=` or `Accept-Language` (as the PSU
 * pages choose theirs), rendered by `render`, with the portal's Content-Security-Policy.
 */
export function createPortalPageEndpoint(context: PortalContext, render: (view: PortalView) => SafeHtml): Endpoint {
  return async (request) => {
    const { language, prefix } = pageLanguage(request.url, request.headers['accept-language']);
    const page = render({ ...context, language, prefix, texts: PORTAL_TEXTS[language] });
    return { status: 200, headers: PORTAL_PAGE_HEADERS, body: page.text };
  };
}
