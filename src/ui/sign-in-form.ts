import { html, type SafeHtml } from './html.js';
import type { PageLanguage } from './language.js';

/** The failure notice of a sign-in form and the attributes that tie its fields to it (WCAG 3.3.1). */
export function failureNotice(failed: boolean, text: string): { readonly problem: SafeHtml | string; readonly describedBy: SafeHtml | string } {
  return failed
    ? { problem: html`<p id="problem" class="problem" role="alert">${text}</p>`, describedBy: html` aria-describedby="problem" aria-invalid="true"` }
    : { problem: '', describedBy: '' };
}

/** The same page in the other language. */
export const otherLanguageHref = (language: PageLanguage, path: string): string => `/${language.language === 'en' ? 'fr' : 'en'}${path}`;
