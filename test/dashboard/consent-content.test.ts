import { describe, expect, it } from 'vitest';
import type { ConsentRecord } from '../../src/storage/ports.js';
import { consentContent, consentItems } from '../../src/ui/consent-items.js';
import { renderConsentPage } from '../../src/ui/consent.page.js';
import { consentView } from '../../src/ui/dashboard-consent-view.js';
import { renderDashboardPage } from '../../src/ui/dashboard.page.js';
import { renderRevokePage } from '../../src/ui/dashboard-revoke.page.js';
import { DEFAULT_SANDBOX_PSUS } from '../../src/config/sandbox-psus.defaults.js';

const NOW = new Date('2030-03-01T10:00:00Z');
const alice = DEFAULT_SANDBOX_PSUS[0]!;

const consent = (kind: ConsentRecord['kind'], details: Record<string, unknown>, overrides: Partial<ConsentRecord> = {}): ConsentRecord => ({
  consentId: `obc-${kind}`,
  clientId: 'tpp-a',
  kind,
  status: 'AwaitingAuthorisation',
  details,
  createdAt: NOW,
  statusUpdatedAt: NOW,
  authorisationExpiresAt: new Date(NOW.getTime() + 600_000),
  ...overrides,
});

const creditor = { SchemeName: 'UK.OBIE.SortCodeAccountNumber', Identification: '08080021325698', Name: 'ACME Ltd' };
const ACCOUNT_ACCESS = consent('account-access', {
  Data: {
    Permissions: ['ReadAccountsBasic', 'ReadBalances'],
    ExpirationDateTime: '2030-06-01T00:00:00Z',
    TransactionFromDateTime: '2030-01-01T00:00:00Z',
    TransactionToDateTime: '2030-02-28T00:00:00Z',
  },
  Risk: {},
});
const PAYMENT = consent('domestic-payment', {
  Data: { Initiation: { InstructedAmount: { Amount: '165.88', Currency: 'GBP' }, CreditorAccount: creditor, RemittanceInformation: { Reference: 'FRESCO-101' } } },
  Risk: {},
});
const SCHEDULED = consent('domestic-scheduled-payment', {
  Data: { Initiation: { InstructedAmount: { Amount: '10.00', Currency: 'GBP' }, CreditorAccount: creditor, RequestedExecutionDateTime: '2030-04-15T09:00:00Z' } },
  Risk: {},
});
const STANDING_ORDER = consent('domestic-standing-order', {
  Data: {
    Initiation: {
      Frequency: 'IntrvlWkDay:01:03',
      FirstPaymentDateTime: '2030-04-03T06:06:06Z',
      FirstPaymentAmount: { Amount: '6.66', Currency: 'GBP' },
      RecurringPaymentAmount: { Amount: '7.00', Currency: 'GBP' },
      FinalPaymentDateTime: '2030-12-31T06:06:06Z',
      FinalPaymentAmount: { Amount: '7.50', Currency: 'GBP' },
      CreditorAccount: creditor,
    },
  },
  Risk: {},
});
const STANDING_ORDER_V4 = consent('domestic-standing-order', {
  Data: {
    Initiation: {
      MandateRelatedInformation: { Frequency: { Type: 'MNTH' }, FirstPaymentDateTime: '2030-04-03T06:06:06Z' },
      FirstPaymentAmount: { Amount: '20.00', Currency: 'EUR' },
      NumberOfPayments: '12',
      CreditorAccount: creditor,
      RemittanceInformation: { Unstructured: ['Rent'] },
    },
  },
  Risk: {},
});
const FUNDS = consent('funds-confirmation', {
  Data: { DebtorAccount: { SchemeName: 'UK.OBIE.IBAN', Identification: 'GB76LOYD30949301273801', Name: 'Alice Smith' }, ExpirationDateTime: '2030-06-01T00:00:00Z' },
});
const STET = consent('authorization', { scope: 'aisp extended_transaction_history' });

describe('consent content in plain words', () => {
  it('account access: permissions and the transaction period', () => {
    expect(consentItems('en', ['openid', 'accounts'], ACCOUNT_ACCESS)).toEqual([
      'Confirm who you are',
      'Your account names and types',
      'Your account balances',
      'Transactions from 1 January 2030 to 28 February 2030',
    ]);
    expect(consentContent('fr', ACCOUNT_ACCESS)).toEqual(['Le nom et le type de vos comptes', 'Le solde de vos comptes', 'Opérations du 1 janvier 2030 au 28 février 2030']);
  });

  it('a domestic payment: amount, creditor, account, reference', () => {
    expect(consentItems('en', ['openid', 'payments'], PAYMENT)).toEqual([
      'Confirm who you are',
      'Pay 165.88 GBP to ACME Ltd',
      'Paid into: ACME Ltd — 08080021325698',
      'Reference: FRESCO-101',
    ]);
    expect(consentContent('fr', PAYMENT)).toEqual(['Payer 165,88 GBP à ACME Ltd', 'Versé sur : ACME Ltd — 08080021325698', 'Référence : FRESCO-101']);
  });

  it('a scheduled payment: its execution date', () => {
    expect(consentContent('en', SCHEDULED)).toContain('Paid on 15 April 2030');
    expect(consentContent('fr', SCHEDULED)).toContain('Payé le 15 avril 2030');
  });

  it('a standing order: frequency, first, recurring and final payments (v3.1)', () => {
    expect(consentContent('en', STANDING_ORDER)).toEqual([
      'Pay ACME Ltd regularly (standing order)',
      'How often: every week on Wednesday',
      'First payment: 6.66 GBP on 3 April 2030',
      'Then 7.00 GBP each time',
      'Last payment: 7.50 GBP on 31 December 2030',
      'Paid into: ACME Ltd — 08080021325698',
    ]);
    expect(consentContent('fr', STANDING_ORDER)).toContain('Fréquence : chaque semaine le mercredi');
  });

  it('a standing order: v4.0 frequency object, number of payments, unstructured reference', () => {
    const items = consentContent('en', STANDING_ORDER_V4);
    expect(items).toContain('How often: every month');
    expect(items).toContain('First payment: 20.00 EUR on 3 April 2030');
    expect(items).toContain('12 payments in all');
    expect(items).toContain('Reference: Rent');
    expect(consentContent('fr', STANDING_ORDER_V4)).toContain('12 paiements en tout');
  });

  it('funds confirmation: the debtor account', () => {
    expect(consentItems('en', ['fundsconfirmations'], FUNDS)).toEqual([
      'Check that this account has enough money for a payment: Alice Smith — GB76LOYD30949301273801',
    ]);
  });

  it('an authorization consent (STET, FAPI 2.0): its scopes; without a consent: the scopes', () => {
    expect(consentContent('en', STET)).toEqual(['See your accounts, balances and transactions of the last 90 days', 'See your transactions older than 90 days, this time only']);
    expect(consentItems('fr', ['payments', 'unknown-scope'], undefined)).toEqual(['Effectuer un paiement depuis votre compte', 'unknown-scope']);
  });

  it('the consent page shows the content, escaped, in the page language', () => {
    const hostile = consent('domestic-payment', { Data: { Initiation: { InstructedAmount: { Amount: '1.00', Currency: 'EUR' }, CreditorAccount: { Identification: 'X', Name: '<script>x</script>' } } } });
    const page = renderConsentPage({
      language: { language: 'fr', prefix: '/fr' },
      csrf: 'c',
      tppName: 'Alpha',
      psuName: 'Alice',
      permissions: consentItems('fr', ['payments'], hostile),
      accounts: alice.accounts,
      selection: 'one',
      expiresAt: NOW,
      noAccountChosen: false,
    }).text;
    expect(page).toContain('<li>Payer 1,00 EUR à &lt;script&gt;x&lt;/script&gt;</li>');
    expect(page).not.toContain('<script>');
    expect(page).toContain('1 mars 2030');
    expect(page).toContain('type="radio"');
  });
});

describe('dashboard rendering', () => {
  const authorised = (record: ConsentRecord, accounts: string[]) =>
    ({ ...record, status: 'Authorised', subject: alice.subject, accounts, expiresAt: new Date('2030-06-01T00:00:00Z') }) as ConsentRecord;
  const revoked = { ...STET, consentId: 'obc-old', clientId: 'tpp-b', status: 'Revoked', statusUpdatedAt: new Date('2030-03-02T00:00:00Z') } as ConsentRecord;

  it('groups active consents by TPP, then past ones, with accounts by name, dates, status and Revoke', () => {
    const views = [
      consentView('en', authorised(ACCOUNT_ACCESS, ['acc-alice-current']), 'Alpha Budgeting', alice.accounts),
      consentView('en', authorised(PAYMENT, ['acc-alice-savings']), 'Alpha Budgeting', alice.accounts),
      consentView('en', revoked, 'Beta Payments', alice.accounts),
    ];
    const page = renderDashboardPage({ language: { language: 'en', prefix: '' }, csrf: 'token', psuName: 'Alice Smith', consents: views, notice: 'revoked' }).text;
    const active = page.indexOf('With access now');
    const past = page.indexOf('<h2>Ended</h2>');
    expect(active).toBeGreaterThan(0);
    expect(past).toBeGreaterThan(active);
    expect(page.match(/<h3>Alpha Budgeting<\/h3>/g)).toHaveLength(1);
    expect(page.indexOf('Beta Payments')).toBeGreaterThan(past);
    expect(page).toContain('Accounts: Current account — 20-00-00 55779911');
    expect(page).toContain('Allowed on 1 March 2030 · Until 1 June 2030');
    expect(page).toContain('Ended on 2 March 2030');
    expect(page).toContain('<p class="status">Revoked</p>');
    expect(page.match(/>Revoke access</g)).toHaveLength(2);
    expect(page).toContain('name="consent" value="obc-account-access"');
    expect(page).toContain('action="/consents/logout"');
    expect(page).toContain('Done: the service can no longer use this access.');
    expect(page).not.toMatch(/<script|\sstyle=|\son[a-z]+=/i);
  });

  it('speaks French, with empty sections said so', () => {
    const page = renderDashboardPage({ language: { language: 'fr', prefix: '/fr' }, csrf: 't', psuName: 'Bruno', consents: [] }).text;
    expect(page).toContain('<html lang="fr">');
    expect(page).toContain('Aucun service n’a accès à votre banque.');
    expect(page).toContain('action="/fr/consents/logout"');
    expect(page).toContain('Se déconnecter');
  });

  it('the confirmation page says what stops working, posts with the CSRF token, and cancels to the dashboard', () => {
    const view = consentView('fr', authorised(ACCOUNT_ACCESS, []), 'Alpha Budgeting', alice.accounts);
    const page = renderRevokePage({ language: { language: 'fr', prefix: '/fr' }, csrf: 'token', consent: view }).text;
    expect(page).toContain('Retirer l’accès de Alpha Budgeting ?');
    expect(page).toContain('Ce qui cessera de fonctionner :');
    expect(page).toContain('<li>Le solde de vos comptes</li>');
    expect(page).toMatch(/<form method="post" action="\/fr\/consents\/revoke">\s*<input type="hidden" name="csrf" value="token">/);
    expect(page).toContain('<form method="get" action="/fr/consents"><button type="submit" class="secondary">Annuler</button>');
  });
});
