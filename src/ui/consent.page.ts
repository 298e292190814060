import type { SandboxAccount } from '../consent/sandbox-psu.js';
import { formatDate } from './consent-items.js';
import { html, type SafeHtml } from './html.js';
import type { PageLanguage } from '../protocol/language.js';
import { MESSAGES } from './messages.js';
import { renderPage } from './page-layout.js';

/** What the consent page shows. */
export interface ConsentPageModel {
  readonly language: PageLanguage;
  readonly csrf: string;
  readonly tppName: string;
  readonly psuName: string;
  /** What the TPP will be able to do, in plain words. */
  readonly permissions: readonly string[];
  /** The PSU's accounts, and whether to pick many, one, or none. */
  readonly accounts: readonly SandboxAccount[];
  readonly selection: 'many' | 'one' | 'none';
  readonly expiresAt: Date;
  /** The previous submission chose no account. */
  readonly noAccountChosen: boolean;
}

/**
 * The consent page: who asks (the client's registered name), what for (permissions in plain words), which accounts
 * (check boxes, or radio buttons for the account to pay from), until when; Allow and Deny.
 */
export function renderConsentPage(model: ConsentPageModel): SafeHtml {
  const { language } = model.language;
  const messages = MESSAGES[language];
  const date = formatDate(language, model.expiresAt);
  const problem = model.noAccountChosen ? html`<p id="problem" class="problem" role="alert">${messages.noAccountChosen}</p>` : '';
  const main = html`<p>${messages.consentIntro(model.tppName, model.psuName)}</p>
<h2>${messages.permissionsHeading}</h2>
<ul>${model.permissions.map((text) => html`<li>${text}</li>`)}</ul>
${problem}
<form method="post" action="${model.language.prefix}/consent">
<input type="hidden" name="csrf" value="${model.csrf}">
${accountChoice(model)}
<p>${messages.consentExpires(date)}</p>
<div class="actions">
<button type="submit" name="decision" value="allow" class="primary">${messages.allow}</button>
<button type="submit" name="decision" value="deny" class="secondary" formnovalidate>${messages.deny}</button>
</div>
</form>`;
  return renderPage({ language, title: messages.consentTitle(model.tppName), main });
}

function accountChoice(model: ConsentPageModel): SafeHtml | string {
  if (model.selection === 'none') return '';
  const messages = MESSAGES[model.language.language];
  const many = model.selection === 'many';
  const describedBy = model.noAccountChosen ? html` aria-describedby="problem"` : '';
  const items = model.accounts.map((account, i) => {
    const input = many
      ? html`<input type="checkbox" id="account-${i}" name="account_${i}" value="${account.id}">`
      : html`<input type="radio" id="account-${i}" name="account" value="${account.id}"${i === 0 ? ' required' : ''}>`;
    return html`<label for="account-${i}">${input} ${account.name} — ${account.identification} (${account.currency})</label>`;
  });
  return html`<fieldset${describedBy}><legend>${many ? messages.accountsHeading : messages.paymentAccountHeading}</legend>${items}</fieldset>`;
}
