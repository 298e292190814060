import type { UkConsentResource } from '../uk-consent-resource.js';
import { ACCOUNT_ACCESS_CONSENT_V3_1 } from './v3-1/account-access.schema.js';
import { DOMESTIC_PAYMENT_CONSENT_V3_1 } from './v3-1/domestic-payment.schema.js';
import { DOMESTIC_SCHEDULED_PAYMENT_CONSENT_V3_1 } from './v3-1/domestic-scheduled-payment.schema.js';
import { DOMESTIC_STANDING_ORDER_CONSENT_V3_1 } from './v3-1/domestic-standing-order.schema.js';
import { FUNDS_CONFIRMATION_CONSENT_V3_1 } from './v3-1/funds-confirmation.schema.js';

/**
 * JSON Schemas of the UK Open Banking v3.1.11 consent request bodies, one per resource, from the official OpenAPI
 * files (OpenBankingUK/read-write-api-specs): structural facts only (types, required members, enumerations, lengths,
 * patterns, formats), components used several times shared under `$defs`. Every object is closed
 * (`additionalProperties: false` unless the specification opens it) and every unbounded array capped at 50 items.
 */
export const V3_1_REQUEST_SCHEMAS: Readonly<Record<UkConsentResource, Readonly<Record<string, unknown>>>> = {
  'account-access-consents': ACCOUNT_ACCESS_CONSENT_V3_1,
  'domestic-payment-consents': DOMESTIC_PAYMENT_CONSENT_V3_1,
  'domestic-scheduled-payment-consents': DOMESTIC_SCHEDULED_PAYMENT_CONSENT_V3_1,
  'domestic-standing-order-consents': DOMESTIC_STANDING_ORDER_CONSENT_V3_1,
  'funds-confirmation-consents': FUNDS_CONFIRMATION_CONSENT_V3_1,
};
