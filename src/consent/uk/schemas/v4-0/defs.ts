/* Generated once from the official UK Open Banking v4.0 OpenAPI files; data, not code: regenerate rather than edit. */

/** The components several v4.0 consent request schemas share, as JSON Schema `$defs`. */
export const V4_0_DEFS: Readonly<Record<string, unknown>> = {
  ExternalCategoryPurpose1Code: {
    type: 'string',
    enum: [
      'BONU', 'CASH', 'CBLK', 'CCRD', 'CGWV', 'CIPC', 'CONC', 'CORT', 'DCRD', 'DIVI', 'DVPM', 'EPAY', 'FCDT', 'FCIN',
      'FCOL', 'GOVT', 'GP2P', 'HEDG', 'ICCP', 'IDCP', 'INTC', 'INTE', 'LBOX', 'LOAN', 'MP2B', 'MP2P', 'OTHR', 'PENS',
      'RPRE', 'RRCT', 'RVPM', 'SALA', 'SECU', 'SSBE', 'SUPP', 'SWEP', 'TAXS', 'TOPG', 'TRAD', 'TREA', 'VATX', 'VOST',
      'WHLD', 'ZABA',
    ],
  },
  ExternalDocumentType1Code: {
    type: 'string',
    minLength: 1,
    maxLength: 4,
    enum: [
      'CINV', 'CNFA', 'CONT', 'CREN', 'DEBN', 'DISP', 'DNFA', 'HIRI', 'INVS', 'MSIN', 'PROF', 'PUOR', 'QUOT', 'SBIN',
      'SPRR', 'TISH',
    ],
  },
  ExternalProxyAccountType1Code: {
    type: 'string',
    enum: [
      'TELE', 'EMAL', 'DNAM', 'CINC', 'COTX', 'COID', 'CUST', 'DRLC', 'EIDN', 'EWAL', 'PVTX', 'LEIC', 'MBNO', 'NIDN',
      'CCPT', 'SHID', 'SOSE', 'TOKN', 'UBIL', 'VIPN', 'BIID',
    ],
  },
  ExternalPurpose1Code: {
    type: 'string',
    minLength: 1,
    maxLength: 4,
    enum: [
      'BKDF', 'BKFE', 'BKFM', 'BKIP', 'BKPP', 'CBLK', 'CDCB', 'CDCD', 'CDCS', 'CDDP', 'CDOC', 'CDQC', 'ETUP', 'FCOL',
      'MTUP', 'ACCT', 'CASH', 'COLL', 'CSDB', 'DEPT', 'INTC', 'INTP', 'LIMA', 'NETT', 'BFWD', 'CCIR', 'CCPC', 'CCPM',
      'CCSM', 'CRDS', 'CRPR', 'CRSP', 'CRTL', 'EQPT', 'EQUS', 'EXPT', 'EXTD', 'FIXI', 'FWBC', 'FWCC', 'FWSB', 'FWSC',
      'MARG', 'MBSB', 'MBSC', 'MGCC', 'MGSC', 'OCCC', 'OPBC', 'OPCC', 'OPSB', 'OPSC', 'OPTN', 'OTCD', 'REPO', 'RPBC',
      'RPCC', 'RPSB', 'RPSC', 'RVPO', 'SBSC', 'SCIE', 'SCIR', 'SCRP', 'SHBC', 'SHCC', 'SHSL', 'SLEB', 'SLOA', 'SWBC',
      'SWCC', 'SWPT', 'SWSB', 'SWSC', 'TBAS', 'TBBC', 'TBCC', 'TRCP', 'AGRT', 'AREN', 'BEXP', 'BOCE', 'COMC', 'CPYR',
      'GDDS', 'GDSV', 'GSCB', 'LICF', 'MP2B', 'POPE', 'ROYA', 'SCVE', 'SERV', 'SUBS', 'SUPP', 'TRAD', 'CHAR', 'COMT',
      'MP2P', 'ECPG', 'ECPR', 'ECPU', 'EPAY', 'CLPR', 'COMP', 'DBTC', 'GOVI', 'HLRP', 'HLST', 'INPC', 'INPR', 'INSC',
      'INSU', 'INTE', 'LBRI', 'LIFI', 'LOAN', 'LOAR', 'PENO', 'PPTI', 'RELG', 'RINP', 'TRFD', 'FORW', 'FXNT', 'ADMG',
      'ADVA', 'BCDM', 'BCFG', 'BLDM', 'BNET', 'CBFF', 'CBFR', 'CCRD', 'CDBL', 'CFEE', 'CGDD', 'CORT', 'COST', 'CPKC',
      'DCRD', 'DSMT', 'DVPM', 'EDUC', 'FACT', 'FAND', 'FCPM', 'FEES', 'GIFT', 'GOVT', 'ICCP', 'IDCP', 'IHRP', 'INSM',
      'IVPT', 'MCDM', 'MCFG', 'MSVC', 'NOWS', 'OCDM', 'OCFG', 'OFEE', 'OTHR', 'PADD', 'PTSP', 'RCKE', 'RCPT', 'REBT',
      'REFU', 'RENT', 'REOD', 'RIMB', 'RPNT', 'RRBN', 'RRCT', 'RRTP', 'RVPM', 'SLPI', 'SPLT', 'STDY', 'TBAN', 'TBIL',
      'TCSC', 'TELI', 'TMPG', 'TPRI', 'TPRP', 'TRNC', 'TRVC', 'WEBI', 'IPAY', 'IPCA', 'IPDO', 'IPEA', 'IPEC', 'IPEW',
      'IPPS', 'IPRT', 'IPU2', 'IPUW', 'ANNI', 'CAFI', 'CFDI', 'CMDT', 'DERI', 'DIVD', 'FREX', 'HEDG', 'INVS', 'PRME',
      'SAVG', 'SECU', 'SEPI', 'TREA', 'UNIT', 'FNET', 'FUTR', 'ANTS', 'CVCF', 'DMEQ', 'DNTS', 'HLTC', 'HLTI', 'HSPC',
      'ICRF', 'LTCF', 'MAFC', 'MARF', 'MDCS', 'VIEW', 'CDEP', 'SWFP', 'SWPP', 'SWRS', 'SWUF', 'ADCS', 'AEMP', 'ALLW',
      'ALMY', 'BBSC', 'BECH', 'BENE', 'BONU', 'CCHD', 'COMM', 'CSLP', 'GFRP', 'GVEA', 'GVEB', 'GVEC', 'GVED', 'GWLT',
      'HREC', 'PAYR', 'PEFC', 'PENS', 'PRCP', 'RHBS', 'SALA', 'SPSP', 'SSBE', 'LBIN', 'LCOL', 'LFEE', 'LMEQ', 'LMFI',
      'LMRK', 'LREB', 'LREV', 'LSFL', 'ESTX', 'FWLV', 'GSTX', 'HSTX', 'INTX', 'NITX', 'PTXP', 'RDTX', 'TAXS', 'VATX',
      'WHLD', 'TAXR', 'B112', 'BR12', 'TLRF', 'TLRR', 'AIRB', 'BUSB', 'FERB', 'RLWY', 'TRPT', 'CBTV', 'ELEC', 'ENRG',
      'GASB', 'NWCH', 'NWCM', 'OTLC', 'PHON', 'UBIL', 'WTER', 'BOND', 'CABD', 'CAEQ', 'CBCR', 'DBCR', 'DICL', 'EQTS',
      'FLCR', 'EFTC', 'EFTD', 'MOMA', 'RAPI', 'GAMB', 'LOTT', 'AMEX', 'SASW', 'AUCO', 'PCOM', 'PDEP', 'PLDS', 'PLRF',
      'GAFA', 'GAHO', 'CPEN', 'DEPD', 'RETL', 'DEBT',
    ],
  },
  OBActiveOrHistoricCurrencyAndAmount: {
    type: 'object',
    required: ['Amount', 'Currency'],
    additionalProperties: false,
    properties: {
      Amount: { type: 'string', pattern: '^\\d{1,13}$|^\\d{1,13}\\.\\d{1,5}$' },
      Currency: { type: 'string', pattern: '^[A-Z]{3,3}$' },
    },
  },
  OBInternalExtendedAccountType1Code: {
    type: 'string',
    enum: [
      'Business', 'BusinessSavingsAccount', 'Charity', 'Collection', 'Corporate', 'Ewallet', 'Government', 'Investment',
      'ISA', 'JointPersonal', 'Pension', 'Personal', 'PersonalSavingsAccount', 'Premier', 'Wealth',
    ],
  },
  OBPostalAddress7: {
    type: 'object',
    additionalProperties: false,
    properties: {
      AddressType: { type: 'string', enum: ['BIZZ', 'DLVY', 'MLTO', 'PBOX', 'ADDR', 'HOME', 'CORR', 'STAT'] },
      Department: { type: 'string', minLength: 1, maxLength: 70 },
      SubDepartment: { type: 'string', minLength: 1, maxLength: 70 },
      StreetName: { type: 'string', minLength: 1, maxLength: 140 },
      BuildingNumber: { type: 'string', minLength: 1, maxLength: 16 },
      BuildingName: { type: 'string', minLength: 1, maxLength: 140 },
      Floor: { type: 'string', minLength: 1, maxLength: 70 },
      UnitNumber: { type: 'string', minLength: 1, maxLength: 16 },
      Room: { type: 'string', minLength: 1, maxLength: 70 },
      PostBox: { type: 'string', minLength: 1, maxLength: 16 },
      TownLocationName: { type: 'string', minLength: 1, maxLength: 140 },
      DistrictName: { type: 'string', minLength: 1, maxLength: 140 },
      CareOf: { type: 'string', minLength: 1, maxLength: 140 },
      PostCode: { type: 'string', minLength: 1, maxLength: 16 },
      TownName: { type: 'string', minLength: 1, maxLength: 140 },
      CountrySubDivision: { type: 'string', minLength: 1, maxLength: 35 },
      Country: { type: 'string', pattern: '^[A-Z]{2,2}$' },
      AddressLine: { type: 'array', items: { type: 'string', minLength: 1, maxLength: 70 }, minItems: 0, maxItems: 7 },
    },
  },
  OBProxy1: {
    type: 'object',
    required: ['Identification', 'Code'],
    additionalProperties: false,
    properties: {
      Identification: { type: 'string', minLength: 1, maxLength: 2048 },
      Code: {
        type: 'string',
        enum: [
          'TELE', 'EMAL', 'DNAM', 'CINC', 'COTX', 'COID', 'CUST', 'DRLC', 'EIDN', 'EWAL', 'PVTX', 'LEIC', 'MBNO',
          'NIDN', 'CCPT', 'SHID', 'SOSE', 'TOKN', 'UBIL', 'VIPN', 'BIID',
        ],
      },
      Type: { type: 'string', minLength: 1, maxLength: 35 },
    },
  },
  OBReferredDocumentInformation: {
    type: 'object',
    additionalProperties: false,
    properties: {
      Code: { $ref: '#/$defs/ExternalDocumentType1Code' },
      Issuer: { type: 'string', maxLength: 35, minLength: 1 },
      Number: { type: 'string', maxLength: 35, minLength: 1 },
      RelatedDate: { type: 'string', format: 'date-time' },
      LineDetails: { type: 'array', items: { type: 'string' }, maxItems: 50 },
    },
  },
  OBRegulatoryAuthority2: {
    type: 'object',
    additionalProperties: false,
    properties: {
      Name: { type: 'string', minLength: 1, maxLength: 140 },
      CountryCode: { type: 'string', pattern: '^[A-Z]{2,2}$' },
    },
  },
  OBRegulatoryReporting1: {
    type: 'object',
    additionalProperties: false,
    properties: {
      DebitCreditReportingIndicator: { type: 'string', enum: ['CRED', 'DEBT', 'BOTH'] },
      Authority: { $ref: '#/$defs/OBRegulatoryAuthority2' },
      Details: { type: 'array', items: { $ref: '#/$defs/OBStructuredRegulatoryReporting3' }, maxItems: 50 },
    },
  },
  OBRemittanceInformation2: {
    type: 'object',
    additionalProperties: false,
    properties: {
      Structured: { type: 'array', items: { $ref: '#/$defs/OBRemittanceInformationStructured' }, maxItems: 50 },
      Unstructured: { type: 'array', items: { type: 'string', maxLength: 140, minLength: 1 }, maxItems: 50 },
    },
  },
  OBRemittanceInformationStructured: {
    type: 'object',
    additionalProperties: false,
    properties: {
      ReferredDocumentInformation: {
        type: 'array',
        items: { $ref: '#/$defs/OBReferredDocumentInformation' },
        maxItems: 50,
      },
      ReferredDocumentAmount: { type: 'integer', format: 'int32' },
      CreditorReferenceInformation: {
        type: 'object',
        additionalProperties: false,
        properties: {
          Code: { type: 'string', minLength: 1, maxLength: 4, enum: ['DISP', 'FXDR', 'PUOR', 'RPIN', 'RADM', 'SCOR'] },
          Issuer: { type: 'string', minLength: 1, maxLength: 35 },
          Reference: { type: 'string', minLength: 1, maxLength: 35 },
        },
      },
      Invoicer: { type: 'string', minLength: 1, maxLength: 256 },
      Invoicee: { type: 'string', minLength: 1, maxLength: 256 },
      TaxRemittance: { type: 'string', maxLength: 140, minLength: 1 },
      AdditionalRemittanceInformation: {
        type: 'array',
        items: { type: 'string', maxLength: 140, minLength: 1 },
        maxItems: 3,
      },
    },
  },
  OBRisk1: {
    type: 'object',
    additionalProperties: false,
    properties: {
      PaymentContextCode: {
        type: 'string',
        enum: [
          'BillingGoodsAndServicesInAdvance', 'BillingGoodsAndServicesInArrears', 'EcommerceMerchantInitiatedPayment',
          'FaceToFacePointOfSale', 'TransferToSelf', 'TransferToThirdParty',
        ],
      },
      MerchantCategoryCode: { type: 'string', minLength: 3, maxLength: 4 },
      MerchantCustomerIdentification: { type: 'string', minLength: 1, maxLength: 70 },
      ContractPresentIndicator: { type: 'boolean' },
      BeneficiaryPrepopulatedIndicator: { type: 'boolean' },
      PaymentPurposeCode: { $ref: '#/$defs/ExternalPurpose1Code' },
      CategoryPurposeCode: { $ref: '#/$defs/ExternalCategoryPurpose1Code' },
      BeneficiaryAccountType: { $ref: '#/$defs/OBInternalExtendedAccountType1Code' },
      DeliveryAddress: { $ref: '#/$defs/OBPostalAddress7' },
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
  OBStructuredRegulatoryReporting3: {
    type: 'object',
    additionalProperties: false,
    properties: {
      Type: { type: 'string', minLength: 1, maxLength: 35 },
      Date: { type: 'string', format: 'date-time' },
      Country: { type: 'string', pattern: '^[A-Z]{2,2}$' },
      Amount: { $ref: '#/$defs/OBActiveOrHistoricCurrencyAndAmount' },
      Information: { type: 'array', items: { type: 'string', minLength: 1, maxLength: 35 }, maxItems: 50 },
    },
  },
  OBUltimateCreditor1: {
    type: 'object',
    additionalProperties: false,
    properties: {
      Name: { type: 'string', minLength: 1, maxLength: 140 },
      Identification: { type: 'string', minLength: 1, maxLength: 256 },
      LEI: { type: 'string', minLength: 1, maxLength: 20, pattern: '^[0-9]{4}[0]{2}[A-Z0-9]{12}[0-9]{2}' },
      SchemeName: { type: 'string' },
      PostalAddress: { $ref: '#/$defs/OBPostalAddress7' },
    },
  },
  OBUltimateDebtor1: {
    type: 'object',
    additionalProperties: false,
    properties: {
      Name: { type: 'string', minLength: 1, maxLength: 140 },
      Identification: { type: 'string', minLength: 1, maxLength: 256 },
      LEI: { type: 'string', minLength: 1, maxLength: 20, pattern: '^[0-9]{4}[0]{2}[A-Z0-9]{12}[0-9]{2}' },
      SchemeName: { type: 'string' },
      PostalAddress: { $ref: '#/$defs/OBPostalAddress7' },
    },
  },
};
