import type { Language } from '../protocol/language.js';

/** The sandbox bank app's texts (CIBA authentication device), per language. */
export interface BankAppTexts {
  readonly title: string;
  readonly intro: string;
  readonly none: string;
  readonly bindingMessage: string;
  readonly noBindingMessage: string;
  readonly scope: string;
  readonly expires: string;
  readonly approve: string;
  readonly deny: string;
  readonly refresh: string;
  readonly notice: Readonly<Record<BankAppNotice, string>>;
  requestFrom(tppName: string): string;
}

/** What the page says after a decision. */
export type BankAppNotice = 'approved' | 'denied' | 'finished';

const en: BankAppTexts = {
  title: 'Bank app: pending requests',
  intro: 'Apps waiting for your approval. Check that the code shown by the app matches before approving.',
  none: 'No request is waiting for you.',
  bindingMessage: 'Code shown by the app',
  noBindingMessage: '(none)',
  scope: 'Access asked for',
  expires: 'Expires at',
  approve: 'Approve',
  deny: 'Deny',
  refresh: 'Refresh',
  notice: { approved: 'Request approved.', denied: 'Request denied.', finished: 'This request was already decided or has expired.' },
  requestFrom: (tppName) => `Request from ${tppName}`,
};

const fr: BankAppTexts = {
  title: 'Application bancaire : demandes en attente',
  intro: "Applications en attente de votre accord. Vérifiez que le code affiché par l'application correspond avant d'accepter.",
  none: "Aucune demande ne vous attend.",
  bindingMessage: "Code affiché par l'application",
  noBindingMessage: '(aucun)',
  scope: 'Accès demandé',
  expires: 'Expire à',
  approve: 'Accepter',
  deny: 'Refuser',
  refresh: 'Actualiser',
  notice: { approved: 'Demande acceptée.', denied: 'Demande refusée.', finished: 'Cette demande a déjà été traitée ou a expiré.' },
  requestFrom: (tppName) => `Demande de ${tppName}`,
};

/** The bank app's texts by language. */
export const BANK_APP_TEXTS: Readonly<Record<Language, BankAppTexts>> = { en, fr };
