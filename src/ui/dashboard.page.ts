import { html, type SafeHtml } from './html.js';
import type { PageLanguage } from '../protocol/language.js';
import { MESSAGES } from './messages.js';
import { renderPage } from './page-layout.js';
import { renderConsentDetails, type ConsentView } from './dashboard-consent-view.js';

/** What the PSU's consent dashboard shows. */
export interface DashboardPageModel {
  readonly language: PageLanguage;
  readonly csrf: string;
  readonly psuName: string;
  /** The PSU's consents, newest first. */
  readonly consents: readonly ConsentView[];
  readonly notice?: 'revoked' | 'not-revoked';
}

/**
 * The consent dashboard: the services with access now, then those whose access ended, each grouped by TPP; a Revoke
 * button (leading to a confirmation page) on each active consent; Log out.
 */
export function renderDashboardPage(model: DashboardPageModel): SafeHtml {
  const { language, prefix } = model.language;
  const messages = MESSAGES[language];
  const notice =
    model.notice === undefined
      ? ''
      : html`<p class="${model.notice === 'revoked' ? 'notice' : 'problem'}" role="status">${model.notice === 'revoked' ? messages.revokedNotice : messages.notRevokedNotice}</p>`;
  const section = (heading: string, consents: readonly ConsentView[], empty: string) =>
    html`<h2>${heading}</h2>
${consents.length === 0 ? html`<p>${empty}</p>` : byTpp(consents).map(([tpp, group]) => renderGroup(model.language, tpp, group))}`;
  const main = html`<p>${messages.dashboardIntro(model.psuName)}</p>
${notice}
${section(messages.activeHeading, model.consents.filter((consent) => consent.active), messages.noActive)}
${section(messages.pastHeading, model.consents.filter((consent) => !consent.active), messages.noPast)}
<form method="post" action="${prefix}/consents/logout">
<input type="hidden" name="csrf" value="${model.csrf}">
<div class="actions"><button type="submit" class="secondary">${messages.logOut}</button></div>
</form>`;
  const other = language === 'en' ? 'fr' : 'en';
  return renderPage({ language, title: messages.dashboardTitle, main, otherLanguageHref: `/${other}/consents` });
}

function byTpp(consents: readonly ConsentView[]): [string, ConsentView[]][] {
  const groups = new Map<string, ConsentView[]>();
  for (const consent of consents) groups.set(consent.tppName, [...(groups.get(consent.tppName) ?? []), consent]);
  return [...groups];
}

function renderGroup(language: PageLanguage, tpp: string, consents: readonly ConsentView[]): SafeHtml {
  const messages = MESSAGES[language.language];
  const cards = consents.map(
    (consent) => html`<article class="consent" id="consent-${consent.consentId}">
${renderConsentDetails(language.language, consent)}
${consent.active
  ? html`<form method="get" action="${language.prefix}/consents/revoke"><input type="hidden" name="consent" value="${consent.consentId}"><button type="submit" class="secondary">${messages.revoke}</button></form>`
  : ''}
</article>`,
  );
  return html`<section class="tpp"><h3>${tpp}</h3>${cards}</section>`;
}
