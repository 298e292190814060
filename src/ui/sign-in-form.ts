import { html, type SafeHtml } from './html.js';
import type { PageLanguage } from '../protocol/language.js';
import type { Messages } from './messages.js';

/**
 * Why a sign-in form is shown again: the credential was wrong, or the PSU is locked out after too many failed
 * attempts (and must wait `retryAfterSeconds`).
 */
export type SignInProblem = 'failed' | { readonly retryAfterSeconds: number };

/**
 * The notice of a sign-in form's problem (`failedText` for a wrong credential) and the attributes that tie its fields
 * to it (WCAG 3.3.1).
 */
export function failureNotice(
  problem: SignInProblem | undefined,
  failedText: string,
  messages: Messages,
): { readonly problem: SafeHtml | string; readonly describedBy: SafeHtml | string } {
  if (problem === undefined) return { problem: '', describedBy: '' };
  const text = problem === 'failed' ? failedText : messages.lockedOut(Math.ceil(problem.retryAfterSeconds / 60));
  return { problem: html`<p id="problem" class="problem" role="alert">${text}</p>`, describedBy: html` aria-describedby="problem" aria-invalid="true"` };
}

/** The same page in the other language. */
export const otherLanguageHref = (language: PageLanguage, path: string): string => `/${language.language === 'en' ? 'fr' : 'en'}${path}`;
