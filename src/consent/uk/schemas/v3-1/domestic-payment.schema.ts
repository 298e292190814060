/* Generated once from the official UK Open Banking v3.1.11 OpenAPI files; data, not code: regenerate rather than edit. */
import { V3_1_DEFS as $defs } from './defs.js';

/** The v3.1.11 `domestic-payment-consents` request body (OBWriteDomesticConsent4). */
export const DOMESTIC_PAYMENT_CONSENT_V3_1: Readonly<Record<string, unknown>> = {
  $defs,
  type: 'object',
  required: ['Data', 'Risk'],
  additionalProperties: false,
  properties: {
    Data: {
      type: 'object',
      required: ['Initiation'],
      additionalProperties: false,
      properties: {
        ReadRefundAccount: { type: 'string', enum: ['No', 'Yes'] },
        Initiation: {
          type: 'object',
          required: ['InstructionIdentification', 'EndToEndIdentification', 'InstructedAmount', 'CreditorAccount'],
          additionalProperties: false,
          properties: {
            InstructionIdentification: { type: 'string', minLength: 1, maxLength: 35 },
            EndToEndIdentification: { type: 'string', minLength: 1, maxLength: 35 },
            LocalInstrument: { type: 'string' },
            InstructedAmount: {
              type: 'object',
              required: ['Amount', 'Currency'],
              additionalProperties: false,
              properties: {
                Amount: { type: 'string', pattern: '^\\d{1,13}$|^\\d{1,13}\\.\\d{1,5}$' },
                Currency: { type: 'string', pattern: '^[A-Z]{3,3}$' },
              },
            },
            DebtorAccount: {
              type: 'object',
              required: ['SchemeName', 'Identification'],
              additionalProperties: false,
              properties: {
                SchemeName: { type: 'string' },
                Identification: { type: 'string', minLength: 1, maxLength: 256 },
                Name: { type: 'string', minLength: 1, maxLength: 350 },
                SecondaryIdentification: { type: 'string', minLength: 1, maxLength: 34 },
              },
            },
            CreditorAccount: {
              type: 'object',
              required: ['SchemeName', 'Identification', 'Name'],
              additionalProperties: false,
              properties: {
                SchemeName: { type: 'string' },
                Identification: { type: 'string', minLength: 1, maxLength: 256 },
                Name: { type: 'string', minLength: 1, maxLength: 350 },
                SecondaryIdentification: { type: 'string', minLength: 1, maxLength: 34 },
              },
            },
            CreditorPostalAddress: { $ref: '#/$defs/OBPostalAddress6' },
            RemittanceInformation: {
              type: 'object',
              additionalProperties: false,
              properties: {
                Unstructured: { type: 'string', minLength: 1, maxLength: 140 },
                Reference: { type: 'string', minLength: 1, maxLength: 35 },
              },
            },
            SupplementaryData: { type: 'object', additionalProperties: true, properties: {} },
          },
        },
        Authorisation: {
          type: 'object',
          required: ['AuthorisationType'],
          additionalProperties: false,
          properties: {
            AuthorisationType: { type: 'string', enum: ['Any', 'Single'] },
            CompletionDateTime: { type: 'string', format: 'date-time' },
          },
        },
        SCASupportData: { $ref: '#/$defs/OBSCASupportData1' },
      },
    },
    Risk: { $ref: '#/$defs/OBRisk1' },
  },
};
