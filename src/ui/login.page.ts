import { html, type SafeHtml } from './html.js';
import type { PageLanguage } from './language.js';
import { MESSAGES } from './messages.js';
import { renderPage } from './page-layout.js';

/** What the login page shows. */
export interface LoginPageModel {
  readonly language: PageLanguage;
  readonly tppName: string;
  readonly csrf: string;
  /** The previous attempt failed. */
  readonly failed: boolean;
  readonly username?: string;
}

/** The PSU login page: username and password, labelled, with the failure announced to assistive technology. */
export function renderLoginPage(model: LoginPageModel): SafeHtml {
  const messages = MESSAGES[model.language.language];
  const problem = model.failed ? html`<p id="problem" class="problem" role="alert">${messages.loginFailed}</p>` : '';
  const describedBy = model.failed ? html` aria-describedby="problem" aria-invalid="true"` : '';
  const main = html`<p>${messages.loginIntro(model.tppName)}</p>
${problem}
<form method="post" action="${model.language.prefix}/login">
<input type="hidden" name="csrf" value="${model.csrf}">
<label for="username">${messages.username}</label>
<input type="text" id="username" name="username" autocomplete="username" autocapitalize="none" spellcheck="false" required value="${model.username ?? ''}"${describedBy}>
<label for="password">${messages.password}</label>
<input type="password" id="password" name="password" autocomplete="current-password" required${describedBy}>
<div class="actions"><button type="submit" class="primary">${messages.continue}</button></div>
</form>`;
  const other = model.language.language === 'en' ? 'fr' : 'en';
  return renderPage({ language: model.language.language, title: messages.loginTitle, main, otherLanguageHref: `/${other}/login` });
}
