import type { IntentRecord } from '../storage/ports.js';
import type { Language } from './language.js';
import { MESSAGES } from './messages.js';
import { PERMISSION_TEXTS, SCOPE_TEXTS } from '../consent/permission-texts.js';
import { isRecord } from '../shared/is-record.js';

/**
 * What the PSU is asked to allow, in plain words: for an account-access intent its permissions (UK OB), for a payment
 * intent the payment, otherwise what each scope means. Unknown scopes and permissions are shown as they are.
 */
export function consentItems(language: Language, scope: readonly string[], intent: IntentRecord | undefined): string[] {
  const items: string[] = [];
  for (const value of scope) {
    if (value === 'accounts' && intent?.kind === 'account-access') {
      items.push(...permissionsOf(intent).map((permission) => PERMISSION_TEXTS[permission]?.[language] ?? permission));
    } else if (value === 'payments' && intent?.kind === 'payment') {
      items.push(paymentText(language, intent));
    } else {
      items.push(SCOPE_TEXTS[value]?.[language] ?? value);
    }
  }
  return items;
}

function permissionsOf(intent: IntentRecord): string[] {
  const permissions = intent.details['permissions'];
  return Array.isArray(permissions) ? permissions.filter((item): item is string => typeof item === 'string') : [];
}

function paymentText(language: Language, intent: IntentRecord): string {
  const amount = isRecord(intent.details['instructedAmount']) ? intent.details['instructedAmount'] : {};
  const creditor = typeof intent.details['creditorName'] === 'string' ? intent.details['creditorName'] : '?';
  return MESSAGES[language].payment(String(amount['amount'] ?? '?'), String(amount['currency'] ?? ''), creditor);
}
