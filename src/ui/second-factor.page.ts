import { html, type SafeHtml } from './html.js';
import type { PageLanguage } from '../protocol/language.js';
import { MESSAGES } from './messages.js';
import { renderPage } from './page-layout.js';
import { failureNotice, otherLanguageHref, type SignInProblem } from './sign-in-form.js';

/** What the second-factor page shows. */
export interface SecondFactorPageModel {
  readonly language: PageLanguage;
  readonly csrf: string;
  /** The one-time code, shown because this is a sandbox (a bank would send it out of band). */
  readonly sandboxCode: string;
  /** Why the form is shown again, if it is. */
  readonly problem?: SignInProblem | undefined;
  /** Where the form posts, without the language prefix (`/sca`, `/consents/sca`). */
  readonly path: string;
}

/** The one-time code step standing in for strong customer authentication (PSD2 RTS Art. 4: a second element). */
export function renderSecondFactorPage(model: SecondFactorPageModel): SafeHtml {
  const messages = MESSAGES[model.language.language];
  const { problem, describedBy } = failureNotice(model.problem, messages.codeFailed, messages);
  const main = html`<p>${messages.secondFactorIntro}</p>
<p class="notice" id="sandbox-code">${messages.sandboxCode(model.sandboxCode)}</p>
${problem}
<form method="post" action="${model.language.prefix}${model.path}">
<input type="hidden" name="csrf" value="${model.csrf}">
<label for="otp">${messages.oneTimeCode}</label>
<input type="text" id="otp" name="otp" inputmode="numeric" pattern="[0-9]{6}" maxlength="6" autocomplete="one-time-code" required${describedBy}>
<div class="actions"><button type="submit" class="primary">${messages.continue}</button></div>
</form>`;
  return renderPage({ language: model.language.language, title: messages.secondFactorTitle, main, otherLanguageHref: otherLanguageHref(model.language, model.path) });
}
