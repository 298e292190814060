import type { ConsentKind } from '../../storage/ports.js';

/** The UK Open Banking consent resources obas serves (path segment after `/open-banking/{version}/…/`). */
export type UkConsentResource =
  | 'account-access-consents'
  | 'domestic-payment-consents'
  | 'domestic-scheduled-payment-consents'
  | 'domestic-standing-order-consents'
  | 'funds-confirmation-consents';

/** The consent kind each UK resource creates. */
export const UK_CONSENT_KINDS: Readonly<Record<UkConsentResource, ConsentKind>> = {
  'account-access-consents': 'account-access',
  'domestic-payment-consents': 'domestic-payment',
  'domestic-scheduled-payment-consents': 'domestic-scheduled-payment',
  'domestic-standing-order-consents': 'domestic-standing-order',
  'funds-confirmation-consents': 'funds-confirmation',
};
