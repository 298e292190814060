import type { ConsentStatus, UkApiVersion } from '../../storage/ports.js';
import type { UkConsentResourceSpec } from './uk-consent-api.js';

/** v4.0 `OBInternalConsentStatus1Code` for each lifecycle status. */
const ISO_CODES: Readonly<Record<ConsentStatus, string>> = {
  AwaitingAuthorisation: 'AWAU',
  Authorised: 'AUTH',
  Rejected: 'RJCT',
  Revoked: 'CANC',
  Expired: 'EXPD',
  Consumed: 'COND',
};

interface Vocabulary {
  /** The values the response schema enumerates for `Data.Status`. */
  readonly allowed: readonly string[];
  /** What an ended consent shows when its own status is not in `allowed`. */
  readonly ended: string;
}

/**
 * The `Data.Status` enumerations of the official response schemas: v3.1.11 OBReadConsentResponse1 and
 * OBFundsConfirmationConsentResponse1 (Authorised, AwaitingAuthorisation, Rejected, Revoked), the v3.1.11 payment
 * consent responses (Authorised, AwaitingAuthorisation, Consumed, Rejected), v4.0 account access and funds confirmation
 * (AWAU, RJCT, AUTH, CANC, EXPD) and v4.0 payment consents (AWAU, RJCT, AUTH, COND).
 */
const VOCABULARIES: Readonly<Record<UkApiVersion, Readonly<Record<'access' | 'payment', Vocabulary>>>> = {
  'v3.1': {
    access: { allowed: ['AwaitingAuthorisation', 'Authorised', 'Rejected', 'Revoked'], ended: 'Revoked' },
    payment: { allowed: ['AwaitingAuthorisation', 'Authorised', 'Consumed', 'Rejected'], ended: 'Rejected' },
  },
  'v4.0': {
    access: { allowed: ['AWAU', 'AUTH', 'RJCT', 'CANC', 'EXPD'], ended: 'CANC' },
    payment: { allowed: ['AWAU', 'AUTH', 'RJCT', 'COND'], ended: 'RJCT' },
  },
};

/**
 * The `Data.Status` a consent shows in a release's rendering of its resource. A status the schema cannot express
 * becomes the vocabulary's end state, the reason staying in v4.0 `StatusReason`: v3.1 has no Expired (an expired
 * account access or funds confirmation consent shows Revoked, its `ExpirationDateTime` in the past), and payment
 * consents have no Revoked or Expired (a payment consent the PSU or an operator ended shows Rejected / RJCT).
 */
export function ukConsentStatus(status: ConsentStatus, version: UkApiVersion, spec: UkConsentResourceSpec): string {
  const vocabulary = VOCABULARIES[version][spec.payment ? 'payment' : 'access'];
  const rendered = version === 'v3.1' ? status : ISO_CODES[status];
  return vocabulary.allowed.includes(rendered) ? rendered : vocabulary.ended;
}
