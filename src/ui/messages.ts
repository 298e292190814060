import type { ConsentStatus } from '../storage/ports.js';
import type { Language } from '../protocol/language.js';

/** Standing order frequencies in plain words. */
export interface FrequencyTexts {
  readonly everyDay: string;
  readonly everyWorkingDay: string;
  readonly everyDays: (days: number) => string;
  readonly everyWeeks: (weeks: number, weekday: string) => string;
  readonly weekdayOfMonth: (week: number, weekday: string) => string;
  /** `day` negative: counted from the end of the month. */
  readonly everyMonths: (months: number, day: number) => string;
  readonly quarterly: string;
  /** ISO 20022 frequency codes (UK OB v4.0 `Frequency.Type`). */
  readonly codes: Readonly<Record<string, string>>;
}

/** Every piece of text the PSU pages show, per language. */
export interface Messages {
  readonly bankName: string;
  readonly sandboxNotice: string;
  /** Link text to the page in the other language. */
  readonly otherLanguage: string;
  readonly loginTitle: string;
  readonly loginIntro: (tpp: string) => string;
  readonly username: string;
  readonly password: string;
  readonly continue: string;
  readonly loginFailed: string;
  readonly secondFactorTitle: string;
  readonly secondFactorIntro: string;
  readonly sandboxCode: (code: string) => string;
  readonly oneTimeCode: string;
  readonly codeFailed: string;
  /** The PSU is locked out after too many failed attempts, for `minutes` more (rounded up). */
  readonly lockedOut: (minutes: number) => string;
  readonly consentTitle: (tpp: string) => string;
  readonly consentIntro: (tpp: string, psu: string) => string;
  readonly permissionsHeading: string;
  readonly accountsHeading: string;
  readonly paymentAccountHeading: string;
  readonly noAccountChosen: string;
  readonly consentExpires: (date: string) => string;
  /** `amount` as {@link formatAmount} writes it, with its currency. */
  readonly payment: (amount: string, creditor: string) => string;
  readonly transactionPeriod: (from: string | undefined, to: string | undefined) => string;
  readonly creditorAccount: (account: string) => string;
  readonly reference: (reference: string) => string;
  readonly paymentDate: (date: string) => string;
  readonly standingOrder: (creditor: string) => string;
  readonly frequency: (frequency: string) => string;
  readonly firstPayment: (amount: string, date: string | undefined) => string;
  readonly recurringPayment: (amount: string) => string;
  readonly finalPayment: (amount: string | undefined, date: string | undefined) => string;
  readonly numberOfPayments: (count: string) => string;
  readonly fundsConfirmationAccount: (account: string) => string;
  /** Standing order frequencies (UK OB v3.1 codes, v4.0 ISO 20022 frequency codes). */
  readonly frequencies: FrequencyTexts;
  /** Monday first (ISO 8601 day numbers 1–7, as the UK frequency codes count them). */
  readonly weekdays: readonly string[];
  readonly allow: string;
  readonly deny: string;
  readonly errorTitle: string;
  readonly errorIntro: string;
  readonly errorCode: string;
  readonly sessionExpired: string;
  readonly dashboardTitle: string;
  readonly dashboardLoginIntro: string;
  readonly dashboardIntro: (psu: string) => string;
  readonly activeHeading: string;
  readonly pastHeading: string;
  readonly noActive: string;
  readonly noPast: string;
  readonly consentStatus: Readonly<Record<ConsentStatus, string>>;
  readonly accountsUsed: (accounts: string) => string;
  readonly grantedOn: (date: string) => string;
  readonly expiresOn: (date: string) => string;
  readonly noExpiry: string;
  readonly endedOn: (date: string) => string;
  readonly revoke: string;
  readonly revokeTitle: (tpp: string) => string;
  readonly revokeWhatStops: string;
  readonly revokeConsequence: (tpp: string) => string;
  readonly confirm: string;
  readonly cancel: string;
  readonly revokedNotice: string;
  readonly notRevokedNotice: string;
  readonly logOut: string;
  readonly loggedOutTitle: string;
  readonly loggedOutIntro: string;
  readonly logInAgain: string;
  readonly signInEnded: string;
}

const en: Messages = {
  bankName: 'obas sandbox bank',
  sandboxNotice: 'Sandbox: no real bank and no real money are involved.',
  otherLanguage: 'Français',
  loginTitle: 'Log in to your bank',
  loginIntro: (tpp) => `${tpp} wants to connect to your bank. Log in to see what it asks for.`,
  username: 'Username',
  password: 'Password',
  continue: 'Continue',
  loginFailed: 'The username or password is not right. Please try again.',
  secondFactorTitle: 'Confirm it is you',
  secondFactorIntro: 'Enter the one-time code we sent to your phone.',
  sandboxCode: (code) => `Sandbox: your one-time code is ${code}.`,
  oneTimeCode: 'One-time code',
  codeFailed: 'That code is not right. Please try again.',
  lockedOut: (minutes) => `Too many failed attempts. Try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`,
  consentTitle: (tpp) => `Allow ${tpp}?`,
  consentIntro: (tpp, psu) => `${psu}, ${tpp} is asking for your permission.`,
  permissionsHeading: 'It will be able to:',
  accountsHeading: 'Choose the accounts to share',
  paymentAccountHeading: 'Choose the account to pay from',
  noAccountChosen: 'Choose at least one account, or deny.',
  consentExpires: (date) => `This permission lasts until ${date}, unless you withdraw it earlier.`,
  payment: (amount, creditor) => `Pay ${amount} to ${creditor}`,
  transactionPeriod: (from, to) =>
    from === undefined ? `Transactions up to ${to}` : to === undefined ? `Transactions from ${from} on` : `Transactions from ${from} to ${to}`,
  creditorAccount: (account) => `Paid into: ${account}`,
  reference: (reference) => `Reference: ${reference}`,
  paymentDate: (date) => `Paid on ${date}`,
  standingOrder: (creditor) => `Pay ${creditor} regularly (standing order)`,
  frequency: (frequency) => `How often: ${frequency}`,
  firstPayment: (amount, date) => (date === undefined ? `First payment: ${amount}` : `First payment: ${amount} on ${date}`),
  recurringPayment: (amount) => `Then ${amount} each time`,
  finalPayment: (amount, date) =>
    amount === undefined ? `Last payment on ${date}` : date === undefined ? `Last payment: ${amount}` : `Last payment: ${amount} on ${date}`,
  numberOfPayments: (count) => `${count} payments in all`,
  fundsConfirmationAccount: (account) => `Check that this account has enough money for a payment: ${account}`,
  frequencies: {
    everyDay: 'every day',
    everyWorkingDay: 'every working day',
    everyDays: (days) => `every ${days} days`,
    everyWeeks: (weeks, weekday) => (weeks === 1 ? `every week on ${weekday}` : `every ${weeks} weeks on ${weekday}`),
    weekdayOfMonth: (week, weekday) => `every month, on the ${weekday} of week ${week}`,
    everyMonths: (months, day) => {
      const when = day < 0 ? (day === -1 ? 'the last day' : `${-day} days before the end of the month`) : `day ${day}`;
      return months === 1 ? `every month on ${when}` : `every ${months} months on ${when}`;
    },
    quarterly: 'every quarter',
    codes: { DAIL: 'every day', WEEK: 'every week', FRTN: 'every two weeks', MNTH: 'every month', QURT: 'every quarter', MIAN: 'every six months', YEAR: 'every year', ADHO: 'now and then', INDA: 'several times a day' },
  },
  weekdays: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
  allow: 'Allow',
  deny: 'Deny',
  errorTitle: 'This request cannot be completed',
  errorIntro: 'Nothing has been shared. Go back to the service you came from and try again.',
  errorCode: 'Error',
  sessionExpired: 'Your session has ended. Go back to the service you came from and start again.',
  dashboardTitle: 'Services connected to your bank',
  dashboardLoginIntro: 'Log in to see which services you allowed to use your bank, and to revoke their access.',
  dashboardIntro: (psu) => `${psu}, here are the services you allowed to use your bank, and what each one can do.`,
  activeHeading: 'With access now',
  pastHeading: 'Ended',
  noActive: 'No service has access to your bank.',
  noPast: 'None yet.',
  consentStatus: { AwaitingAuthorisation: 'Waiting for you', Authorised: 'Active', Rejected: 'Refused', Revoked: 'Revoked', Expired: 'Expired', Consumed: 'Used' },
  accountsUsed: (accounts) => `Accounts: ${accounts}`,
  grantedOn: (date) => `Allowed on ${date}`,
  expiresOn: (date) => `Until ${date}`,
  noExpiry: 'No end date',
  endedOn: (date) => `Ended on ${date}`,
  revoke: 'Revoke access',
  revokeTitle: (tpp) => `Revoke ${tpp}’s access?`,
  revokeWhatStops: 'What will stop working:',
  revokeConsequence: (tpp) => `${tpp} loses this access at once, and the keys it holds for it stop working. To share again, it has to ask you again.`,
  confirm: 'Confirm',
  cancel: 'Cancel',
  revokedNotice: 'Done: the service can no longer use this access.',
  notRevokedNotice: 'This access could not be revoked: it had already ended.',
  logOut: 'Log out',
  loggedOutTitle: 'You have logged out',
  loggedOutIntro: 'You can close this window.',
  logInAgain: 'Log in again',
  signInEnded: 'Too many failed attempts: for your security, this session has ended.',
};

const fr: Messages = {
  bankName: 'banque bac à sable obas',
  sandboxNotice: 'Bac à sable : aucune vraie banque ni aucun argent réel.',
  otherLanguage: 'English',
  loginTitle: 'Connectez-vous à votre banque',
  loginIntro: (tpp) => `${tpp} souhaite se connecter à votre banque. Connectez-vous pour voir sa demande.`,
  username: 'Identifiant',
  password: 'Mot de passe',
  continue: 'Continuer',
  loginFailed: 'L’identifiant ou le mot de passe est incorrect. Veuillez réessayer.',
  secondFactorTitle: 'Confirmez votre identité',
  secondFactorIntro: 'Saisissez le code à usage unique envoyé sur votre téléphone.',
  sandboxCode: (code) => `Bac à sable : votre code à usage unique est ${code}.`,
  oneTimeCode: 'Code à usage unique',
  codeFailed: 'Ce code est incorrect. Veuillez réessayer.',
  lockedOut: (minutes) => `Trop de tentatives échouées. Réessayez dans ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`,
  consentTitle: (tpp) => `Autoriser ${tpp} ?`,
  consentIntro: (tpp, psu) => `${psu}, ${tpp} vous demande votre autorisation.`,
  permissionsHeading: 'Ce service pourra :',
  accountsHeading: 'Choisissez les comptes à partager',
  paymentAccountHeading: 'Choisissez le compte à débiter',
  noAccountChosen: 'Choisissez au moins un compte, ou refusez.',
  consentExpires: (date) => `Cette autorisation est valable jusqu’au ${date}, sauf si vous la retirez avant.`,
  payment: (amount, creditor) => `Payer ${amount} à ${creditor}`,
  transactionPeriod: (from, to) =>
    from === undefined ? `Opérations jusqu’au ${to}` : to === undefined ? `Opérations à partir du ${from}` : `Opérations du ${from} au ${to}`,
  creditorAccount: (account) => `Versé sur : ${account}`,
  reference: (reference) => `Référence : ${reference}`,
  paymentDate: (date) => `Payé le ${date}`,
  standingOrder: (creditor) => `Payer ${creditor} régulièrement (virement permanent)`,
  frequency: (frequency) => `Fréquence : ${frequency}`,
  firstPayment: (amount, date) => (date === undefined ? `Premier paiement : ${amount}` : `Premier paiement : ${amount} le ${date}`),
  recurringPayment: (amount) => `Puis ${amount} à chaque fois`,
  finalPayment: (amount, date) =>
    amount === undefined ? `Dernier paiement le ${date}` : date === undefined ? `Dernier paiement : ${amount}` : `Dernier paiement : ${amount} le ${date}`,
  numberOfPayments: (count) => `${count} paiements en tout`,
  fundsConfirmationAccount: (account) => `Vérifier que ce compte est suffisamment approvisionné pour un paiement : ${account}`,
  frequencies: {
    everyDay: 'tous les jours',
    everyWorkingDay: 'chaque jour ouvré',
    everyDays: (days) => `tous les ${days} jours`,
    everyWeeks: (weeks, weekday) => (weeks === 1 ? `chaque semaine le ${weekday}` : `toutes les ${weeks} semaines le ${weekday}`),
    weekdayOfMonth: (week, weekday) => `chaque mois, le ${weekday} de la semaine ${week}`,
    everyMonths: (months, day) => {
      const when = day < 0 ? (day === -1 ? 'le dernier jour' : `${-day} jours avant la fin du mois`) : `le ${day}`;
      return months === 1 ? `chaque mois ${when}` : `tous les ${months} mois ${when}`;
    },
    quarterly: 'chaque trimestre',
    codes: { DAIL: 'tous les jours', WEEK: 'chaque semaine', FRTN: 'toutes les deux semaines', MNTH: 'chaque mois', QURT: 'chaque trimestre', MIAN: 'tous les six mois', YEAR: 'chaque année', ADHO: 'de temps en temps', INDA: 'plusieurs fois par jour' },
  },
  weekdays: ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'],
  allow: 'Autoriser',
  deny: 'Refuser',
  errorTitle: 'Cette demande ne peut pas aboutir',
  errorIntro: 'Rien n’a été partagé. Revenez au service d’où vous venez et réessayez.',
  errorCode: 'Erreur',
  sessionExpired: 'Votre session a pris fin. Revenez au service d’où vous venez et recommencez.',
  dashboardTitle: 'Services connectés à votre banque',
  dashboardLoginIntro: 'Connectez-vous pour voir quels services vous avez autorisés à accéder à votre banque, et leur retirer cet accès.',
  dashboardIntro: (psu) => `${psu}, voici les services que vous avez autorisés à accéder à votre banque, et ce que chacun peut faire.`,
  activeHeading: 'Ayant accès aujourd’hui',
  pastHeading: 'Terminées',
  noActive: 'Aucun service n’a accès à votre banque.',
  noPast: 'Aucune pour l’instant.',
  consentStatus: { AwaitingAuthorisation: 'En attente', Authorised: 'Active', Rejected: 'Refusée', Revoked: 'Retirée', Expired: 'Expirée', Consumed: 'Utilisée' },
  accountsUsed: (accounts) => `Comptes : ${accounts}`,
  grantedOn: (date) => `Autorisée le ${date}`,
  expiresOn: (date) => `Jusqu’au ${date}`,
  noExpiry: 'Sans date de fin',
  endedOn: (date) => `Terminée le ${date}`,
  revoke: 'Retirer l’accès',
  revokeTitle: (tpp) => `Retirer l’accès de ${tpp} ?`,
  revokeWhatStops: 'Ce qui cessera de fonctionner :',
  revokeConsequence: (tpp) => `${tpp} perd cet accès immédiatement, et les clés qu’il détient pour cet accès cessent de fonctionner. Pour y accéder de nouveau, il devra vous le redemander.`,
  confirm: 'Confirmer',
  cancel: 'Annuler',
  revokedNotice: 'C’est fait : le service ne peut plus utiliser cet accès.',
  notRevokedNotice: 'Cet accès n’a pas pu être retiré : il avait déjà pris fin.',
  logOut: 'Se déconnecter',
  loggedOutTitle: 'Vous êtes déconnecté',
  loggedOutIntro: 'Vous pouvez fermer cette fenêtre.',
  logInAgain: 'Se reconnecter',
  signInEnded: 'Trop de tentatives échouées : par sécurité, cette session a pris fin.',
};

/** The texts of a language. */
export const MESSAGES: Readonly<Record<Language, Messages>> = { en, fr };
