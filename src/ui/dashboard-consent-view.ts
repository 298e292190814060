import type { SandboxAccount } from '../consent/sandbox-psu.js';
import type { ConsentRecord } from '../storage/ports.js';
import { consentContent, formatDate } from './consent-items.js';
import { html, type SafeHtml } from './html.js';
import type { Language } from '../protocol/language.js';
import { MESSAGES } from './messages.js';

/** One consent as the PSU's dashboard shows it, in plain words. */
export interface ConsentView {
  readonly consentId: string;
  /** The TPP's registered `client_name`, else its client_id. */
  readonly tppName: string;
  /** Authorised: the TPP can use it now (and the PSU can revoke it). */
  readonly active: boolean;
  readonly status: string;
  /** What the consent lets the TPP do (permissions, or the payment). */
  readonly items: readonly string[];
  /** The PSU's accounts it covers, by name. */
  readonly accounts: readonly string[];
  /** Granted, expires, ended. */
  readonly dates: readonly string[];
}

/**
 * The view of a consent for its PSU. Granted is the authorisation time for an active consent; an ended one only
 * keeps the time it ended, so its creation stands in (the same moment for consents made at authorization, minutes
 * before it for staged UK consents). Accounts the PSU no longer has are shown by id.
 */
export function consentView(language: Language, consent: ConsentRecord, tppName: string, psuAccounts: readonly SandboxAccount[]): ConsentView {
  const messages = MESSAGES[language];
  const date = (value: Date) => formatDate(language, value);
  const active = consent.status === 'Authorised';
  const dates = active
    ? [messages.grantedOn(date(consent.statusUpdatedAt)), consent.expiresAt === undefined ? messages.noExpiry : messages.expiresOn(date(consent.expiresAt))]
    : [...(consent.status === 'Rejected' ? [] : [messages.grantedOn(date(consent.createdAt))]), messages.endedOn(date(consent.statusUpdatedAt))];
  const names = new Map(psuAccounts.map((account) => [account.id, `${account.name} — ${account.identification}`]));
  return {
    consentId: consent.consentId,
    tppName,
    active,
    status: messages.consentStatus[consent.status],
    items: consentContent(language, consent),
    accounts: (consent.accounts ?? []).map((id) => names.get(id) ?? id),
    dates,
  };
}

/** The body of a consent's card: status, what it allows, accounts, dates. */
export function renderConsentDetails(language: Language, view: ConsentView): SafeHtml {
  const messages = MESSAGES[language];
  const accounts = view.accounts.length === 0 ? '' : html`<p>${messages.accountsUsed(view.accounts.join(', '))}</p>`;
  return html`<p class="status">${view.status}</p>
<ul>${view.items.map((item) => html`<li>${item}</li>`)}</ul>
${accounts}
<p class="detail">${view.dates.join(' · ')}</p>`;
}
