import { isRecord } from '../shared/is-record.js';
import type { ConsentRecord } from '../storage/ports.js';

/**
 * How many of their accounts the PSU picks on the consent page for this consent: a payment or funds-confirmation
 * consent that names its `DebtorAccount` needs no choice (the TPP fixed it); one without lets the PSU pick the account
 * to pay from; otherwise what the scopes call for.
 */
export function consentAccountSelection(consent: ConsentRecord | undefined, byScope: 'many' | 'one' | 'none'): 'many' | 'one' | 'none' {
  if (consent === undefined || consent.kind === 'account-access' || consent.kind === 'authorization') return byScope;
  const data = isRecord(consent.details['Data']) ? consent.details['Data'] : {};
  const initiation = isRecord(data['Initiation']) ? data['Initiation'] : data;
  return isRecord(initiation['DebtorAccount']) ? 'none' : 'one';
}
