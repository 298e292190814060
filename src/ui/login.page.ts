import { html, type SafeHtml } from './html.js';
import type { PageLanguage } from '../protocol/language.js';
import { MESSAGES } from './messages.js';
import { renderPage } from './page-layout.js';
import { failureNotice, otherLanguageHref, type SignInProblem } from './sign-in-form.js';

/** What the login page shows. */
export interface LoginPageModel {
  readonly language: PageLanguage;
  readonly csrf: string;
  /** Why the form is shown again, if it is. */
  readonly problem?: SignInProblem | undefined;
  readonly username?: string;
  /** The sentence above the form: who asks the PSU to log in, and why. */
  readonly intro: string;
  readonly title: string;
  /** Where the form posts, without the language prefix (`/login`, `/consents/login`). */
  readonly path: string;
}

/**
 * The PSU login page (authorization and consent dashboard alike): username and password, labelled, with the failure
 * announced to assistive technology.
 */
export function renderLoginPage(model: LoginPageModel): SafeHtml {
  const messages = MESSAGES[model.language.language];
  const { problem, describedBy } = failureNotice(model.problem, messages.loginFailed, messages);
  const main = html`<p>${model.intro}</p>
${problem}
<form method="post" action="${model.language.prefix}${model.path}">
<input type="hidden" name="csrf" value="${model.csrf}">
<label for="username">${messages.username}</label>
<input type="text" id="username" name="username" autocomplete="username" autocapitalize="none" spellcheck="false" required value="${model.username ?? ''}"${describedBy}>
<label for="password">${messages.password}</label>
<input type="password" id="password" name="password" autocomplete="current-password" required${describedBy}>
<div class="actions"><button type="submit" class="primary">${messages.continue}</button></div>
</form>`;
  return renderPage({ language: model.language.language, title: model.title, main, otherLanguageHref: otherLanguageHref(model.language, model.path) });
}
