import type { UkConsentResource } from '../uk-consent-resource.js';

/* Generated once from the official UK Open Banking OpenAPI files; data, not code: regenerate rather than edit. */

const $defs = {
  OBExternalExtendedAccountType1Code: {
    type: 'string',
    enum: [
      'Business', 'BusinessSavingsAccount', 'Charity', 'Collection', 'Corporate', 'Ewallet', 'Government', 'Investment',
      'ISA', 'JointPersonal', 'Pension', 'Personal', 'PersonalSavingsAccount', 'Premier', 'Wealth',
    ],
  },
  OBPostalAddress6: {
    type: 'object',
    additionalProperties: false,
    properties: {
      AddressType: {
        type: 'string',
        enum: ['Business', 'Correspondence', 'DeliveryTo', 'MailTo', 'POBox', 'Postal', 'Residential', 'Statement'],
      },
      Department: { type: 'string', minLength: 1, maxLength: 70 },
      SubDepartment: { type: 'string', minLength: 1, maxLength: 70 },
      StreetName: { type: 'string', minLength: 1, maxLength: 70 },
      BuildingNumber: { type: 'string', minLength: 1, maxLength: 16 },
      PostCode: { type: 'string', minLength: 1, maxLength: 16 },
      TownName: { type: 'string', minLength: 1, maxLength: 35 },
      CountrySubDivision: { type: 'string', minLength: 1, maxLength: 35 },
      Country: { type: 'string', pattern: '^[A-Z]{2,2}$' },
      AddressLine: { type: 'array', items: { type: 'string', minLength: 1, maxLength: 70 }, minItems: 0, maxItems: 7 },
    },
  },
  OBRisk1: {
    type: 'object',
    additionalProperties: false,
    properties: {
      PaymentContextCode: {
        type: 'string',
        enum: [
          'BillingGoodsAndServicesInAdvance', 'BillingGoodsAndServicesInArrears', 'PispPayee',
          'EcommerceMerchantInitiatedPayment', 'FaceToFacePointOfSale', 'TransferToSelf', 'TransferToThirdParty',
          'BillPayment', 'EcommerceGoods', 'EcommerceServices', 'Other', 'PartyToParty',
        ],
      },
      MerchantCategoryCode: { type: 'string', minLength: 3, maxLength: 4 },
      MerchantCustomerIdentification: { type: 'string', minLength: 1, maxLength: 70 },
      ContractPresentInidicator: { type: 'boolean' },
      BeneficiaryPrepopulatedIndicator: { type: 'boolean' },
      PaymentPurposeCode: { type: 'string', minLength: 3, maxLength: 4 },
      BeneficiaryAccountType: { $ref: '#/$defs/OBExternalExtendedAccountType1Code' },
      DeliveryAddress: {
        type: 'object',
        required: ['Country', 'TownName'],
        additionalProperties: false,
        properties: {
          AddressLine: {
            type: 'array',
            maxItems: 2,
            minItems: 0,
            items: { type: 'string', minLength: 1, maxLength: 70 },
          },
          StreetName: { type: 'string', minLength: 1, maxLength: 70 },
          BuildingNumber: { type: 'string', minLength: 1, maxLength: 16 },
          PostCode: { type: 'string', minLength: 1, maxLength: 16 },
          TownName: { type: 'string', minLength: 1, maxLength: 35 },
          CountrySubDivision: { type: 'string', minLength: 1, maxLength: 35 },
          Country: { type: 'string', pattern: '^[A-Z]{2,2}$' },
        },
      },
    },
  },
  OBSCASupportData1: {
    type: 'object',
    additionalProperties: false,
    properties: {
      RequestedSCAExemptionType: {
        type: 'string',
        enum: [
          'BillPayment', 'ContactlessTravel', 'EcommerceGoods', 'EcommerceServices', 'Kiosk', 'Parking', 'PartyToParty',
        ],
      },
      AppliedAuthenticationApproach: { type: 'string', maxLength: 40, enum: ['CA', 'SCA'] },
      ReferencePaymentOrderId: { type: 'string', maxLength: 40, minLength: 1 },
    },
  },
};

/**
 * JSON Schemas of the UK Open Banking v3.1.11 consent request bodies, one per resource, from the official OpenAPI
 * files (OpenBankingUK/read-write-api-specs): structural facts only (types, required members, enumerations, lengths,
 * patterns, formats), components used several times shared under `$defs`. Every object is closed
 * (`additionalProperties: false` unless the specification opens it) and every unbounded array capped at 50 items.
 */
export const V3_1_REQUEST_SCHEMAS: Readonly<Record<UkConsentResource, Readonly<Record<string, unknown>>>> = {
  // OBReadConsent1
  'account-access-consents': {
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
  },
  // OBWriteDomesticConsent4
  'domestic-payment-consents': {
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
  },
  // OBWriteDomesticScheduledConsent4
  'domestic-scheduled-payment-consents': {
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
  },
  // OBWriteDomesticStandingOrderConsent5
  'domestic-standing-order-consents': {
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
            required: ['Frequency', 'FirstPaymentDateTime', 'FirstPaymentAmount', 'CreditorAccount'],
            additionalProperties: false,
            properties: {
              Frequency: {
                type: 'string',
                pattern: '^(EvryDay)$|^(EvryWorkgDay)$|^(IntrvlDay:((0[2-9])|([1-2][0-9])|3[0-1]))$|^(IntrvlWkDay:0[1-9]:0[1-7])$|^(WkInMnthDay:0[1-5]:0[1-7])$|^(IntrvlMnthDay:(0[1-6]|12|24):(-0[1-5]|0[1-9]|[12][0-9]|3[01]))$|^(QtrDay:(ENGLISH|SCOTTISH|RECEIVED))$',
              },
              Reference: { type: 'string', minLength: 1, maxLength: 35 },
              NumberOfPayments: { type: 'string', minLength: 1, maxLength: 35 },
              FirstPaymentDateTime: { type: 'string', format: 'date-time' },
              RecurringPaymentDateTime: { type: 'string', format: 'date-time' },
              FinalPaymentDateTime: { type: 'string', format: 'date-time' },
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
  },
  // OBFundsConfirmationConsent1
  'funds-confirmation-consents': {
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
            },
          },
        },
      },
    },
  },
};
