import { PERMISSION_TEXTS, SCOPE_TEXTS } from '../consent/permission-texts.js';
import { isRecord } from '../shared/is-record.js';
import type { ConsentKind, ConsentRecord } from '../storage/ports.js';
import type { Language } from '../protocol/language.js';
import { MESSAGES, type Messages } from './messages.js';

type Json = Readonly<Record<string, unknown>>;

/** The UK OB API scope each staged consent kind is authorised under; `authorization` consents record their scope. */
const KIND_SCOPES: Readonly<Record<Exclude<ConsentKind, 'authorization'>, string>> = {
  'account-access': 'accounts',
  'domestic-payment': 'payments',
  'domestic-scheduled-payment': 'payments',
  'domestic-standing-order': 'payments',
  'funds-confirmation': 'fundsconfirmations',
};

/**
 * What the PSU is asked to allow, in plain words: where a scope is the one the staged consent was created under, the
 * consent's real content ({@link consentContent}); otherwise what the scope means. Unknown scopes are shown as they are.
 */
export function consentItems(language: Language, scope: readonly string[], consent: ConsentRecord | undefined): string[] {
  const covered = consent === undefined || consent.kind === 'authorization' ? undefined : KIND_SCOPES[consent.kind];
  return scope.flatMap((value) => (consent !== undefined && value === covered ? consentContent(language, consent) : [scopeText(language, value)]));
}

/**
 * A consent's content in plain words: account access its permissions (UK OB Account and Transaction API) and
 * transaction period; a payment the amount, creditor and account, reference and, for a scheduled payment its date, for
 * a standing order its frequency, amounts and dates or number of payments; funds confirmation the debtor account; an
 * `authorization` consent (STET, FAPI 2.0) what each of its scopes means.
 */
export function consentContent(language: Language, consent: ConsentRecord): string[] {
  const messages = MESSAGES[language];
  const data = objectAt(consent.details, 'Data');
  switch (consent.kind) {
    case 'authorization':
      return String(consent.details['scope'] ?? '').split(' ').filter(Boolean).map((value) => scopeText(language, value));
    case 'account-access':
      return [...permissions(language, data), ...period(language, messages, data)];
    case 'funds-confirmation': {
      const debtor = objectAt(data, 'DebtorAccount');
      return [messages.fundsConfirmationAccount(accountText(debtor))];
    }
    default:
      return payment(language, messages, consent.kind, objectAt(data, 'Initiation'));
  }
}

/** A date in the PSU's language, e.g. "3 March 2030" / "3 mars 2030" (UTC, as the UK OB date-times are compared). */
export function formatDate(language: Language, date: Date | string): string {
  const value = typeof date === 'string' ? new Date(date) : date;
  if (Number.isNaN(value.getTime())) return String(date);
  return new Intl.DateTimeFormat(language === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(value);
}

/** A UK OB `{ Amount, Currency }` as the PSU reads it ("10.50 GBP" / "10,50 GBP"), digits kept exactly as sent. */
export function formatAmount(language: Language, amount: Json): string {
  const value = text(amount['Amount']) ?? '?';
  return `${language === 'fr' ? value.replace('.', ',') : value} ${text(amount['Currency']) ?? ''}`.trim();
}

function scopeText(language: Language, value: string): string {
  return SCOPE_TEXTS[value]?.[language] ?? value;
}

function permissions(language: Language, data: Json): string[] {
  const codes = Array.isArray(data['Permissions']) ? data['Permissions'].filter((item): item is string => typeof item === 'string') : [];
  return codes.map((code) => PERMISSION_TEXTS[code]?.[language] ?? code);
}

function period(language: Language, messages: Messages, data: Json): string[] {
  const from = text(data['TransactionFromDateTime']);
  const to = text(data['TransactionToDateTime']);
  if (from === undefined && to === undefined) return [];
  return [messages.transactionPeriod(from === undefined ? undefined : formatDate(language, from), to === undefined ? undefined : formatDate(language, to))];
}

function payment(language: Language, messages: Messages, kind: ConsentKind, initiation: Json): string[] {
  const creditor = objectAt(initiation, 'CreditorAccount');
  const creditorName = text(creditor['Name']) ?? text(creditor['Identification']) ?? '?';
  const mandate = { ...initiation, ...objectAt(initiation, 'MandateRelatedInformation') };
  const items =
    kind === 'domestic-standing-order'
      ? standingOrder(language, messages, creditorName, mandate)
      : [messages.payment(formatAmount(language, objectAt(initiation, 'InstructedAmount')), creditorName)];
  items.push(messages.creditorAccount(accountText(creditor)));
  const reference = referenceOf(objectAt(initiation, 'RemittanceInformation'));
  if (reference !== undefined) items.push(messages.reference(reference));
  const executes = text(initiation['RequestedExecutionDateTime']);
  if (kind === 'domestic-scheduled-payment' && executes !== undefined) items.push(messages.paymentDate(formatDate(language, executes)));
  return items;
}

function standingOrder(language: Language, messages: Messages, creditorName: string, order: Json): string[] {
  const date = (name: string) => (text(order[name]) === undefined ? undefined : formatDate(language, String(order[name])));
  const amount = (name: string) => (isRecord(order[name]) ? formatAmount(language, order[name]) : undefined);
  const items = [messages.standingOrder(creditorName), messages.frequency(frequencyText(messages, order['Frequency']))];
  const first = amount('FirstPaymentAmount');
  if (first !== undefined) items.push(messages.firstPayment(first, date('FirstPaymentDateTime')));
  const recurring = amount('RecurringPaymentAmount');
  if (recurring !== undefined) items.push(messages.recurringPayment(recurring));
  const final = amount('FinalPaymentAmount');
  const finalDate = date('FinalPaymentDateTime');
  if (final !== undefined || finalDate !== undefined) items.push(messages.finalPayment(final, finalDate));
  const count = text(order['NumberOfPayments']);
  if (count !== undefined) items.push(messages.numberOfPayments(count));
  return items;
}

/**
 * A standing order's frequency in plain words: the UK v3.1 codes (`EvryDay`, `EvryWorkgDay`, `IntrvlDay:NN`,
 * `IntrvlWkDay:0W:0D`, `WkInMnthDay:0W:0D`, `IntrvlMnthDay:MM:DD`, `QtrDay:…`) and the v4.0 `{ Type, CountPerPeriod }`
 * with an ISO 20022 frequency code; anything else as sent.
 */
function frequencyText(messages: Messages, frequency: unknown): string {
  const code = isRecord(frequency) ? text(frequency['Type']) : text(frequency);
  if (code === undefined) return '?';
  const [name = '', first = '', second = ''] = code.split(':');
  const n = (value: string) => Number.parseInt(value, 10);
  switch (name) {
    case 'EvryDay':
      return messages.frequencies.everyDay;
    case 'EvryWorkgDay':
      return messages.frequencies.everyWorkingDay;
    case 'IntrvlDay':
      return messages.frequencies.everyDays(n(first));
    case 'IntrvlWkDay':
      return messages.frequencies.everyWeeks(n(first), messages.weekdays[n(second) - 1] ?? second);
    case 'WkInMnthDay':
      return messages.frequencies.weekdayOfMonth(n(first), messages.weekdays[n(second) - 1] ?? second);
    case 'IntrvlMnthDay':
      return messages.frequencies.everyMonths(n(first), n(second));
    case 'QtrDay':
      return messages.frequencies.quarterly;
    default:
      return messages.frequencies.codes[code] ?? code;
  }
}

function referenceOf(remittance: Json): string | undefined {
  const structured = Array.isArray(remittance['Structured']) ? remittance['Structured'].find(isRecord) : undefined;
  const creditorReference = structured === undefined ? undefined : text(objectAt(structured, 'CreditorReferenceInformation')['Reference']);
  const unstructured = Array.isArray(remittance['Unstructured']) ? text(remittance['Unstructured'][0]) : text(remittance['Unstructured']);
  return text(remittance['Reference']) ?? creditorReference ?? unstructured;
}

function accountText(account: Json): string {
  const identification = text(account['Identification']) ?? '?';
  const name = text(account['Name']);
  return name === undefined ? identification : `${name} — ${identification}`;
}

function objectAt(value: Json, name: string): Json {
  const member = value[name];
  return isRecord(member) ? member : {};
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
