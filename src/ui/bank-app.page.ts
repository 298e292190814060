import type { PageLanguage } from '../protocol/language.js';
import { BANK_APP_TEXTS, type BankAppNotice } from './bank-app-texts.js';
import { html, type SafeHtml } from './html.js';
import { renderPage } from './page-layout.js';

/** One pending backchannel request as the bank app shows it. */
export interface PendingRequestView {
  /** The request's storage key (SHA-256 of its `auth_req_id`), what the decision form posts. */
  readonly requestHash: string;
  readonly tppName: string;
  readonly bindingMessage?: string;
  readonly scope: string;
  readonly expiresAt: Date;
}

/** What the bank app page shows. */
export interface BankAppPageModel {
  readonly language: PageLanguage;
  readonly csrf: string;
  readonly requests: readonly PendingRequestView[];
  readonly notice?: BankAppNotice;
}

/**
 * The sandbox bank app (the CIBA authentication device, OpenID CIBA Core §1): the signed-in PSU's pending requests,
 * each with the TPP's name, the `binding_message` to compare, the scope and expiry, and Approve / Deny forms
 * (CSRF-protected posts).
 */
export function renderBankAppPage(model: BankAppPageModel): SafeHtml {
  const { language, prefix } = model.language;
  const texts = BANK_APP_TEXTS[language];
  const items = model.requests.map(
    (request) => html`<section class="consent" data-request="${request.requestHash}">
<h2>${texts.requestFrom(request.tppName)}</h2>
<dl>
<dt>${texts.bindingMessage}</dt><dd class="binding-message">${request.bindingMessage ?? texts.noBindingMessage}</dd>
<dt>${texts.scope}</dt><dd>${request.scope}</dd>
<dt>${texts.expires}</dt><dd><time datetime="${request.expiresAt.toISOString()}">${request.expiresAt.toISOString().replace('T', ' ').slice(0, 19)} UTC</time></dd>
</dl>
<div class="actions">
${(['approve', 'deny'] as const).map(
  (decision) => html`<form method="post" action="${prefix}/bank-app">
<input type="hidden" name="csrf" value="${model.csrf}">
<input type="hidden" name="request" value="${request.requestHash}">
<input type="hidden" name="decision" value="${decision}">
<button type="submit" class="${decision === 'approve' ? 'primary' : 'secondary'}">${texts[decision]}</button>
</form>`,
)}
</div>
</section>`,
  );
  const main = html`${model.notice === undefined ? '' : html`<p class="notice" role="status">${texts.notice[model.notice]}</p>`}
<p>${texts.intro}</p>
${items.length === 0 ? html`<p class="empty">${texts.none}</p>` : items}
<form method="get" action="${prefix}/bank-app"><button type="submit" class="secondary">${texts.refresh}</button></form>`;
  return renderPage({ language, title: texts.title, main });
}
