import type { Language } from '../protocol/language.js';

type Texts = Readonly<Record<Language, string>>;

/**
 * UK Open Banking account-access permissions (Account and Transaction API, "Permissions") in plain words. The consent
 * page shows these, never the codes alone.
 */
export const PERMISSION_TEXTS: Readonly<Record<string, Texts>> = {
  ReadAccountsBasic: { en: 'Your account names and types', fr: 'Le nom et le type de vos comptes' },
  ReadAccountsDetail: { en: 'Your account numbers and details', fr: 'Les numéros et le détail de vos comptes' },
  ReadBalances: { en: 'Your account balances', fr: 'Le solde de vos comptes' },
  ReadBeneficiariesBasic: { en: 'Who you pay (names only)', fr: 'Vos bénéficiaires (noms seulement)' },
  ReadBeneficiariesDetail: { en: 'Who you pay, with their account details', fr: 'Vos bénéficiaires et leurs coordonnées bancaires' },
  ReadDirectDebits: { en: 'Your direct debits', fr: 'Vos prélèvements' },
  ReadOffers: { en: 'Offers the bank has for you', fr: 'Les offres de la banque pour vous' },
  ReadPAN: { en: 'Your full card numbers', fr: 'Les numéros complets de vos cartes' },
  ReadParty: { en: 'The account holders’ names and contact details', fr: 'Le nom et les coordonnées des titulaires' },
  ReadPartyPSU: { en: 'Your own name and contact details', fr: 'Vos nom et coordonnées' },
  ReadProducts: { en: 'The products your accounts are', fr: 'Les produits auxquels correspondent vos comptes' },
  ReadScheduledPaymentsBasic: { en: 'Your scheduled payments', fr: 'Vos paiements programmés' },
  ReadScheduledPaymentsDetail: { en: 'Your scheduled payments, with payee details', fr: 'Vos paiements programmés et leurs bénéficiaires' },
  ReadStandingOrdersBasic: { en: 'Your standing orders', fr: 'Vos virements permanents' },
  ReadStandingOrdersDetail: { en: 'Your standing orders, with payee details', fr: 'Vos virements permanents et leurs bénéficiaires' },
  ReadStatementsBasic: { en: 'Your statements', fr: 'Vos relevés' },
  ReadStatementsDetail: { en: 'Your statements, with their details', fr: 'Vos relevés et leur détail' },
  ReadTransactionsBasic: { en: 'Your transactions', fr: 'Vos opérations' },
  ReadTransactionsCredits: { en: 'Money coming into your accounts', fr: 'Les sommes reçues sur vos comptes' },
  ReadTransactionsDebits: { en: 'Money going out of your accounts', fr: 'Les sommes débitées de vos comptes' },
  ReadTransactionsDetail: { en: 'The details of your transactions', fr: 'Le détail de vos opérations' },
};

/**
 * Scopes in plain words: UK OB (`accounts`, `payments`, `fundsconfirmations`), STET PSD2 API v1.6 part 3 (`aisp`,
 * `extended_transaction_history`, `cbpii`, `pisp`) and OpenID Connect (`openid`). Other scopes are shown as they are.
 */
export const SCOPE_TEXTS: Readonly<Record<string, Texts>> = {
  openid: { en: 'Confirm who you are', fr: 'Confirmer votre identité' },
  accounts: { en: 'See information about your accounts', fr: 'Consulter des informations sur vos comptes' },
  payments: { en: 'Make a payment from your account', fr: 'Effectuer un paiement depuis votre compte' },
  fundsconfirmations: { en: 'Check that your account has enough money for a payment', fr: 'Vérifier que votre compte est suffisamment approvisionné pour un paiement' },
  aisp: { en: 'See your accounts, balances and transactions of the last 90 days', fr: 'Consulter vos comptes, soldes et opérations des 90 derniers jours' },
  extended_transaction_history: {
    en: 'See your transactions older than 90 days, this time only',
    fr: 'Consulter vos opérations de plus de 90 jours, pour cette fois seulement',
  },
  cbpii: { en: 'Check that your account has enough money for a card payment', fr: 'Vérifier que votre compte est suffisamment approvisionné pour un paiement par carte' },
  pisp: { en: 'Start payments from your account', fr: 'Initier des paiements depuis votre compte' },
};
