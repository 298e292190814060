/* Generated once from the official UK Open Banking v3.1.11 OpenAPI files; data, not code: regenerate rather than edit. */

/** The components several v3.1.11 consent request schemas share, as JSON Schema `$defs`. */
export const V3_1_DEFS: Readonly<Record<string, unknown>> = {
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
