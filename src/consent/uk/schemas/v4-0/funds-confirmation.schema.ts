/* Generated once from the official UK Open Banking v4.0 OpenAPI files; data, not code: regenerate rather than edit. */
import { V4_0_DEFS as $defs } from './defs.js';

/** The v4.0 `funds-confirmation-consents` request body (OBFundsConfirmationConsent1). */
export const FUNDS_CONFIRMATION_CONSENT_V4_0: Readonly<Record<string, unknown>> = {
  $defs,
  type: 'object',
  required: ['Data'],
  additionalProperties: false,
  properties: {
    Data: {
      type: 'object',
      required: ['DebtorAccount'],
      additionalProperties: false,
      properties: {
        ExpirationDateTime: { type: 'string', format: 'date-time' },
        DebtorAccount: {
          type: 'object',
          required: ['SchemeName', 'Identification'],
          additionalProperties: false,
          properties: {
            SchemeName: { type: 'string' },
            Identification: { type: 'string', minLength: 1, maxLength: 256 },
            Name: { type: 'string', minLength: 1, maxLength: 350 },
            SecondaryIdentification: { type: 'string', minLength: 1, maxLength: 34 },
            Proxy: { $ref: '#/$defs/OBProxy1' },
          },
        },
      },
    },
  },
};
