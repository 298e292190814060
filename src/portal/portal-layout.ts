import { html, type SafeHtml } from '../ui/html.js';
import type { Language } from '../protocol/language.js';
import { localizedPath, PORTAL_ASSET_PATHS, type PortalPage } from './portal-paths.js';
import { PORTAL_TEXTS } from './portal-texts-by-language.js';

/** What a portal page puts into the layout. */
export interface PortalPageContent {
  readonly language: Language;
  /** `/en` or `/fr` when the language came from the path or `?lang=` (links keep it), '' otherwise. */
  readonly prefix: string;
  readonly page: PortalPage;
  readonly title: string;
  readonly main: SafeHtml;
  /** Stylesheets before the portal's own (paths on this server). */
  readonly stylesheets?: readonly string[];
  /** Scripts at the end of the body, in order (paths on this server: the CSP allows no other). */
  readonly scripts?: readonly string[];
}

const NAVIGATION: readonly PortalPage[] = ['home', 'guide', 'flows', 'errors', 'api'];

/**
 * The document around every portal page: language, title, stylesheets, navigation with a link to the same page in
 * the other language, and an empty icon (so that the browser asks for no `/favicon.ico`). No inline script or style.
 */
export function renderPortalPage(content: PortalPageContent): SafeHtml {
  const texts = PORTAL_TEXTS[content.language];
  const other: Language = content.language === 'en' ? 'fr' : 'en';
  const link = (page: PortalPage) =>
    html`<li><a href="${localizedPath(content.prefix, page)}"${page === content.page ? html` aria-current="page"` : ''}>${texts.nav[page]}</a></li>`;
  const stylesheets = [...(content.stylesheets ?? []), PORTAL_ASSET_PATHS.stylesheet];
  return html`<!doctype html>
<html lang="${content.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${content.title} — ${texts.siteName}</title>
<link rel="icon" href="data:,">
${stylesheets.map((href) => html`<link rel="stylesheet" href="${href}">\n`)}</head>
<body>
<header>
<span class="site">${texts.siteName}</span>
<nav aria-label="${texts.navigationLabel}"><ul>${NAVIGATION.map(link)}</ul></nav>
<a class="language" href="${localizedPath(`/${other}`, content.page)}" hreflang="${other}" lang="${other}">${texts.otherLanguage}</a>
</header>
<main>
<h1>${content.title}</h1>
${content.main}
</main>
${(content.scripts ?? []).map((src) => html`<script src="${src}"></script>\n`)}</body>
</html>
`;
}
