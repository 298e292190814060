/* Generated once from the official UK Open Banking v4.0 OpenAPI files; data, not code: regenerate rather than edit. */
import { V4_0_DEFS as $defs } from './defs.js';

/** The v4.0 `account-access-consents` request body (OBReadConsent1). */
export const ACCOUNT_ACCESS_CONSENT_V4_0: Readonly<Record<string, unknown>> = {
  $defs,
  type: 'object',
  required: ['Data', 'Risk'],
  additionalProperties: false,
  properties: {
    Data: {
      type: 'object',
      required: ['Permissions'],
      additionalProperties: false,
      properties: {
        Permissions: {
          type: 'array',
          items: {
            type: 'string',
            enum: [
              'ReadAccountsBasic', 'ReadAccountsDetail', 'ReadBalances', 'ReadBeneficiariesBasic',
              'ReadBeneficiariesDetail', 'ReadDirectDebits', 'ReadOffers', 'ReadPAN', 'ReadParty', 'ReadPartyPSU',
              'ReadProducts', 'ReadScheduledPaymentsBasic', 'ReadScheduledPaymentsDetail', 'ReadStandingOrdersBasic',
              'ReadStandingOrdersDetail', 'ReadStatementsBasic', 'ReadStatementsDetail', 'ReadTransactionsBasic',
              'ReadTransactionsCredits', 'ReadTransactionsDebits', 'ReadTransactionsDetail',
            ],
          },
          minItems: 1,
          maxItems: 50,
        },
        ExpirationDateTime: { type: 'string', format: 'date-time' },
        TransactionFromDateTime: { type: 'string', format: 'date-time' },
        TransactionToDateTime: { type: 'string', format: 'date-time' },
      },
    },
    Risk: { type: 'object', additionalProperties: false, properties: {} },
  },
};
