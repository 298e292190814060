import { html, type SafeHtml } from './html.js';
import type { PageLanguage } from './language.js';
import { MESSAGES } from './messages.js';
import { renderPage } from './page-layout.js';

/** What the dashboard's sign-in pages show. */
export interface DashboardSignInModel {
  readonly language: PageLanguage;
  readonly csrf: string;
  readonly failed: boolean;
}

const otherLanguage = (language: PageLanguage, path: string) => `/${language.language === 'en' ? 'fr' : 'en'}${path}`;

function problemOf(failed: boolean, text: string): { problem: SafeHtml | string; describedBy: SafeHtml | string } {
  return failed
    ? { problem: html`<p id="problem" class="problem" role="alert">${text}</p>`, describedBy: html` aria-describedby="problem" aria-invalid="true"` }
    : { problem: '', describedBy: '' };
}

/** The dashboard's login page: the same sandbox username and password as the authorization pages. */
export function renderDashboardLoginPage(model: DashboardSignInModel & { readonly username?: string }): SafeHtml {
  const messages = MESSAGES[model.language.language];
  const { problem, describedBy } = problemOf(model.failed, messages.loginFailed);
  const main = html`<p>${messages.dashboardLoginIntro}</p>
${problem}
<form method="post" action="${model.language.prefix}/consents/login">
<input type="hidden" name="csrf" value="${model.csrf}">
<label for="username">${messages.username}</label>
<input type="text" id="username" name="username" autocomplete="username" autocapitalize="none" spellcheck="false" required value="${model.username ?? ''}"${describedBy}>
<label for="password">${messages.password}</label>
<input type="password" id="password" name="password" autocomplete="current-password" required${describedBy}>
<div class="actions"><button type="submit" class="primary">${messages.continue}</button></div>
</form>`;
  return renderPage({ language: model.language.language, title: messages.dashboardTitle, main, otherLanguageHref: otherLanguage(model.language, '/consents/login') });
}

/** The dashboard's one-time code page (the sandbox shows the code, as on the authorization pages). */
export function renderDashboardCodePage(model: DashboardSignInModel & { readonly sandboxCode: string }): SafeHtml {
  const messages = MESSAGES[model.language.language];
  const { problem, describedBy } = problemOf(model.failed, messages.codeFailed);
  const main = html`<p>${messages.secondFactorIntro}</p>
<p class="notice" id="sandbox-code">${messages.sandboxCode(model.sandboxCode)}</p>
${problem}
<form method="post" action="${model.language.prefix}/consents/sca">
<input type="hidden" name="csrf" value="${model.csrf}">
<label for="otp">${messages.oneTimeCode}</label>
<input type="text" id="otp" name="otp" inputmode="numeric" pattern="[0-9]{6}" maxlength="6" autocomplete="one-time-code" required${describedBy}>
<div class="actions"><button type="submit" class="primary">${messages.continue}</button></div>
</form>`;
  return renderPage({ language: model.language.language, title: messages.secondFactorTitle, main, otherLanguageHref: otherLanguage(model.language, '/consents/sca') });
}

/** The page after the dashboard session ended: logged out, or too many failed sign-in attempts. */
export function renderDashboardEndedPage(language: PageLanguage, why: 'logged-out' | 'too-many-failures'): SafeHtml {
  const messages = MESSAGES[language.language];
  const intro = why === 'logged-out' ? html`<p>${messages.loggedOutIntro}</p>` : html`<p class="problem" role="alert">${messages.signInEnded}</p>`;
  const main = html`${intro}
<p><a href="${language.prefix}/consents">${messages.logInAgain}</a></p>`;
  return renderPage({ language: language.language, title: why === 'logged-out' ? messages.loggedOutTitle : messages.dashboardTitle, main });
}
