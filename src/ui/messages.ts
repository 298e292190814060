import type { Language } from './language.js';

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
  readonly consentTitle: (tpp: string) => string;
  readonly consentIntro: (tpp: string, psu: string) => string;
  readonly permissionsHeading: string;
  readonly accountsHeading: string;
  readonly paymentAccountHeading: string;
  readonly noAccountChosen: string;
  readonly consentExpires: (date: string) => string;
  readonly payment: (amount: string, currency: string, creditor: string) => string;
  readonly allow: string;
  readonly deny: string;
  readonly errorTitle: string;
  readonly errorIntro: string;
  readonly errorCode: string;
  readonly sessionExpired: string;
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
  consentTitle: (tpp) => `Allow ${tpp}?`,
  consentIntro: (tpp, psu) => `${psu}, ${tpp} is asking for your permission.`,
  permissionsHeading: 'It will be able to:',
  accountsHeading: 'Choose the accounts to share',
  paymentAccountHeading: 'Choose the account to pay from',
  noAccountChosen: 'Choose at least one account, or deny.',
  consentExpires: (date) => `This permission lasts until ${date}, unless you withdraw it earlier.`,
  payment: (amount, currency, creditor) => `Pay ${amount} ${currency} to ${creditor}`,
  allow: 'Allow',
  deny: 'Deny',
  errorTitle: 'This request cannot be completed',
  errorIntro: 'Nothing has been shared. Go back to the service you came from and try again.',
  errorCode: 'Error',
  sessionExpired: 'Your session has ended. Go back to the service you came from and start again.',
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
  consentTitle: (tpp) => `Autoriser ${tpp} ?`,
  consentIntro: (tpp, psu) => `${psu}, ${tpp} vous demande votre autorisation.`,
  permissionsHeading: 'Ce service pourra :',
  accountsHeading: 'Choisissez les comptes à partager',
  paymentAccountHeading: 'Choisissez le compte à débiter',
  noAccountChosen: 'Choisissez au moins un compte, ou refusez.',
  consentExpires: (date) => `Cette autorisation est valable jusqu’au ${date}, sauf si vous la retirez avant.`,
  payment: (amount, currency, creditor) => `Payer ${amount} ${currency} à ${creditor}`,
  allow: 'Autoriser',
  deny: 'Refuser',
  errorTitle: 'Cette demande ne peut pas aboutir',
  errorIntro: 'Rien n’a été partagé. Revenez au service d’où vous venez et réessayez.',
  errorCode: 'Erreur',
  sessionExpired: 'Votre session a pris fin. Revenez au service d’où vous venez et recommencez.',
};

/** The texts of a language. */
export const MESSAGES: Readonly<Record<Language, Messages>> = { en, fr };
