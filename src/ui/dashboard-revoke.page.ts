import { html, type SafeHtml } from './html.js';
import type { PageLanguage } from '../protocol/language.js';
import { MESSAGES } from './messages.js';
import { renderPage } from './page-layout.js';
import { renderConsentDetails, type ConsentView } from './dashboard-consent-view.js';

/** What the revoke confirmation page shows. */
export interface RevokePageModel {
  readonly language: PageLanguage;
  readonly csrf: string;
  readonly consent: ConsentView;
}

/**
 * The confirmation step before a PSU revokes a consent: what will stop working (the consent's content), that it is at
 * once and for good; Confirm (a CSRF-protected post) and Cancel (back to the dashboard, nothing changed).
 */
export function renderRevokePage(model: RevokePageModel): SafeHtml {
  const { language, prefix } = model.language;
  const messages = MESSAGES[language];
  const main = html`<h2>${messages.revokeWhatStops}</h2>
${renderConsentDetails(language, model.consent)}
<p>${messages.revokeConsequence(model.consent.tppName)}</p>
<div class="actions">
<form method="post" action="${prefix}/consents/revoke">
<input type="hidden" name="csrf" value="${model.csrf}">
<input type="hidden" name="consent" value="${model.consent.consentId}">
<button type="submit" class="primary">${messages.confirm}</button>
</form>
<form method="get" action="${prefix}/consents"><button type="submit" class="secondary">${messages.cancel}</button></form>
</div>`;
  return renderPage({ language, title: messages.revokeTitle(model.consent.tppName), main });
}
