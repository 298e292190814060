/* Generated once from the official UK Open Banking v4.0 OpenAPI files; data, not code: regenerate rather than edit. */
import { V4_0_DEFS as $defs } from './defs.js';

/** The v4.0 `domestic-standing-order-consents` request body (OBWriteDomesticStandingOrderConsent5). */
export const DOMESTIC_STANDING_ORDER_CONSENT_V4_0: Readonly<Record<string, unknown>> = {
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
          required: ['MandateRelatedInformation', 'FirstPaymentAmount', 'CreditorAccount'],
          additionalProperties: false,
          properties: {
            RemittanceInformation: { $ref: '#/$defs/OBRemittanceInformation2' },
            NumberOfPayments: { type: 'string', minLength: 1, maxLength: 35 },
            FirstPaymentAmount: {
              type: 'object',
              required: ['Amount', 'Currency'],
              additionalProperties: false,
              properties: {
                Amount: { type: 'string', pattern: '^\\d{1,13}$|^\\d{1,13}\\.\\d{1,5}$' },
                Currency: { type: 'string', pattern: '^[A-Z]{3,3}$' },
              },
            },
            RecurringPaymentAmount: {
              type: 'object',
              required: ['Amount', 'Currency'],
              additionalProperties: false,
              properties: {
                Amount: { type: 'string', pattern: '^\\d{1,13}$|^\\d{1,13}\\.\\d{1,5}$' },
                Currency: { type: 'string', pattern: '^[A-Z]{3,3}$' },
              },
            },
            FinalPaymentAmount: {
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
            UltimateCreditor: { $ref: '#/$defs/OBUltimateCreditor1' },
            UltimateDebtor: { $ref: '#/$defs/OBUltimateDebtor1' },
            RegulatoryReporting: { type: 'array', items: { $ref: '#/$defs/OBRegulatoryReporting1' }, maxItems: 10 },
            MandateRelatedInformation: {
              type: 'object',
              required: ['Frequency'],
              additionalProperties: false,
              properties: {
                MandateIdentification: { type: 'string', minLength: 1, maxLength: 35 },
                Classification: { type: 'string', enum: ['FIXE', 'USGB', 'VARI'] },
                CategoryPurposeCode: { $ref: '#/$defs/ExternalCategoryPurpose1Code' },
                FirstPaymentDateTime: { type: 'string', format: 'date-time' },
                RecurringPaymentDateTime: { type: 'string', format: 'date-time' },
                FinalPaymentDateTime: { type: 'string', format: 'date-time' },
                Frequency: {
                  type: 'object',
                  required: ['Type'],
                  additionalProperties: false,
                  properties: {
                    Type: {
                      oneOf: [
                        {
                          type: 'string',
                          enum: [
                            'ADHO', 'YEAR', 'DAIL', 'FRTN', 'INDA', 'MNTH', 'QURT', 'MIAN', 'WEEK', 'WODL', 'FOWK',
                            'TWMH', 'FOMH', 'FIMH', 'ALMH', 'NONE',
                          ],
                        },
                        {
                          type: 'string',
                          pattern: '^(NotKnown)$|^(EvryDay)$|^(EvryWorkgDay)$|^(IntrvlDay:((0[2-9])|([1-2][0-9])|3[0-1]))$|^(IntrvlWkDay:0[1-9]:0[1-7])$|^(WkInMnthDay:0[1-5]:0[1-7])$|^(IntrvlMnthDay:(0[1-6]|12|24):(-0[1-5]|0[1-9]|[12][0-9]|3[01]))$|^(QtrDay:(ENGLISH|SCOTTISH|RECEIVED))$',
                        },
                      ],
                    },
                    CountPerPeriod: { type: 'integer', format: 'int32' },
                    PointInTime: { type: 'string', maxLength: 2 },
                  },
                },
                Reason: { type: 'string', maxLength: 256, minLength: 1 },
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
