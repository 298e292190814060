/* Generated once from the official UK Open Banking v4.0 OpenAPI files; data, not code: regenerate rather than edit. */
import { V4_0_DEFS as $defs } from './defs.js';

/** The v4.0 `domestic-scheduled-payment-consents` request body (OBWriteDomesticScheduledConsent4). */
export const DOMESTIC_SCHEDULED_PAYMENT_CONSENT_V4_0: Readonly<Record<string, unknown>> = {
  $defs,
  type: 'object',
  required: ['Data', 'Risk'],
  additionalProperties: false,
  properties: {
    Data: {
      type: 'object',
      required: ['Permission', 'Initiation'],
      additionalProperties: false,
      properties: {
        Permission: { type: 'string', enum: ['Create'] },
        ReadRefundAccount: { type: 'string', enum: ['No', 'Yes'] },
        Initiation: {
          type: 'object',
          required: ['InstructionIdentification', 'RequestedExecutionDateTime', 'InstructedAmount', 'CreditorAccount'],
          additionalProperties: false,
          properties: {
            InstructionIdentification: { type: 'string', minLength: 1, maxLength: 35 },
            EndToEndIdentification: { type: 'string', minLength: 1, maxLength: 35 },
            LocalInstrument: { type: 'string' },
            RequestedExecutionDateTime: { type: 'string', format: 'date-time' },
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
                Proxy: { $ref: '#/$defs/OBProxy1' },
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
                Proxy: { $ref: '#/$defs/OBProxy1' },
              },
            },
            CreditorPostalAddress: { $ref: '#/$defs/OBPostalAddress7' },
            UltimateCreditor: { $ref: '#/$defs/OBUltimateCreditor1' },
            UltimateDebtor: { $ref: '#/$defs/OBUltimateDebtor1' },
            RegulatoryReporting: { type: 'array', items: { $ref: '#/$defs/OBRegulatoryReporting1' }, maxItems: 10 },
            RemittanceInformation: { $ref: '#/$defs/OBRemittanceInformation2' },
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
