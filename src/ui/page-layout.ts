import { html, type SafeHtml } from './html.js';
import type { Language } from '../protocol/language.js';
import { MESSAGES } from './messages.js';

/** Path of the one stylesheet of the PSU pages (CSP `style-src 'self'`: no inline styles). */
export const STYLESHEET_PATH = '/assets/obas.css';

/** What a page puts into the layout. */
export interface PageContent {
  readonly language: Language;
  readonly title: string;
  readonly main: SafeHtml;
  /** The same page in the other language; omitted where switching makes no sense (after a post). */
  readonly otherLanguageHref?: string;
}

/** The document around every PSU page: language, title, stylesheet, bank header, sandbox notice. No script. */
export function renderPage(content: PageContent): SafeHtml {
  const messages = MESSAGES[content.language];
  const other = content.language === 'en' ? 'fr' : 'en';
  return html`<!doctype html>
<html lang="${content.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${content.title} — ${messages.bankName}</title>
<link rel="stylesheet" href="${STYLESHEET_PATH}">
</head>
<body>
<header><span class="bank">${messages.bankName}</span>${
    content.otherLanguageHref === undefined
      ? ''
      : html` <a class="language" href="${content.otherLanguageHref}" hreflang="${other}" lang="${other}">${messages.otherLanguage}</a>`
  }</header>
<main>
<h1>${content.title}</h1>
${content.main}
</main>
<footer><p>${messages.sandboxNotice}</p></footer>
</body>
</html>
`;
}
