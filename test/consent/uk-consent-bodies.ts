import type { UkConsentResource } from '../../src/consent/uk/uk-consent-request.js';

/** The UK OB releases the consent API speaks. */
export type UkVersion = 'v3.1' | 'v4.0';
type Body = Record<string, unknown>;
type Shape = 'minimal' | 'valid' | 'full';

/** Every resource × version pair, for tests that cover all of them. */
export const UK_CONSENT_CASES: readonly (readonly [UkConsentResource, UkVersion])[] = (
  ['account-access-consents', 'domestic-payment-consents', 'domestic-scheduled-payment-consents', 'domestic-standing-order-consents', 'funds-confirmation-consents'] as const
).flatMap((resource) => (['v3.1', 'v4.0'] as const).map((version) => [resource, version] as const));

/** `now` plus `days`, as a UK OB date-time (`2030-01-31T10:00:00+00:00`). */
export function ukDateTime(now: Date, days: number): string {
  return new Date(now.getTime() + days * 86_400_000).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

/** A typical valid request body: the required members and the optional ones most TPPs send, dates relative to `now`. */
export function validUkConsentBody(resource: UkConsentResource, version: UkVersion, now: Date): Body {
  return BUILDERS[resource](version, now, 'valid');
}

/** The smallest body the schema and the rules accept. */
export function minimalUkConsentBody(resource: UkConsentResource, version: UkVersion, now: Date): Body {
  return BUILDERS[resource](version, now, 'minimal');
}

/** A body using most optional members of the resource in that release. */
export function fullUkConsentBody(resource: UkConsentResource, version: UkVersion, now: Date): Body {
  return BUILDERS[resource](version, now, 'full');
}

/** A deep copy of `body` with the member at the dotted `path` set to `value`, or removed when `value` is undefined. */
export function withMember(body: unknown, path: string, value: unknown): Body {
  const copy = structuredClone(body) as Body;
  const members = path.split('.');
  const last = members.pop() as string;
  let parent = copy;
  for (const member of members) parent = parent[member] as Body;
  if (value === undefined) delete parent[last];
  else parent[last] = value;
  return copy;
}

const ALL_PERMISSIONS = [
  'ReadAccountsBasic', 'ReadAccountsDetail', 'ReadBalances', 'ReadBeneficiariesBasic', 'ReadBeneficiariesDetail', 'ReadDirectDebits',
  'ReadOffers', 'ReadPAN', 'ReadParty', 'ReadPartyPSU', 'ReadProducts', 'ReadScheduledPaymentsBasic', 'ReadScheduledPaymentsDetail',
  'ReadStandingOrdersBasic', 'ReadStandingOrdersDetail', 'ReadStatementsBasic', 'ReadStatementsDetail', 'ReadTransactionsBasic',
  'ReadTransactionsCredits', 'ReadTransactionsDebits', 'ReadTransactionsDetail',
];

const amount = (value: string) => ({ Amount: value, Currency: 'GBP' });
const creditor = { SchemeName: 'UK.OBIE.SortCodeAccountNumber', Identification: '40400411223344', Name: 'Northfield Joinery Ltd' };
const debtor = { SchemeName: 'UK.OBIE.SortCodeAccountNumber', Identification: '20556677889900', Name: 'A. Walker' };

function remittance(version: UkVersion): Body {
  return version === 'v3.1'
    ? { Unstructured: 'Invoice 2041, kitchen units', Reference: 'INV-2041' }
    : { Unstructured: ['Invoice 2041, kitchen units'], Structured: [{ CreditorReferenceInformation: { Reference: 'INV-2041' } }] };
}

function address(version: UkVersion): Body {
  return version === 'v3.1'
    ? { AddressLine: ['Flat 2', '7 Mill Lane'], PostCode: 'YO1 7HH', TownName: 'York', Country: 'GB' }
    : { AddressType: 'DLVY', StreetName: 'Mill Lane', BuildingNumber: '7', PostCode: 'YO1 7HH', TownName: 'York', Country: 'GB' };
}

function fullRisk(version: UkVersion): Body {
  const common = {
    PaymentContextCode: 'EcommerceMerchantInitiatedPayment', MerchantCategoryCode: '5712', MerchantCustomerIdentification: 'CUST-88213',
    BeneficiaryPrepopulatedIndicator: true, BeneficiaryAccountType: 'Business', DeliveryAddress: address(version),
  };
  return version === 'v3.1'
    ? { ...common, ContractPresentInidicator: false, PaymentPurposeCode: 'GDSV' }
    : { ...common, ContractPresentIndicator: false, PaymentPurposeCode: 'GDSV', CategoryPurposeCode: 'SUPP' };
}

/** Members the payment consents share beyond the Initiation: the full shape only. */
function paymentExtras(now: Date): Body {
  return {
    ReadRefundAccount: 'Yes',
    Authorisation: { AuthorisationType: 'Single', CompletionDateTime: ukDateTime(now, 1) },
    SCASupportData: { RequestedSCAExemptionType: 'EcommerceGoods', AppliedAuthenticationApproach: 'SCA' },
  };
}

/** Optional Initiation members of the one-off payments (domestic, scheduled) per shape. */
function oneOffExtras(version: UkVersion, shape: Shape): Body {
  const valid = { DebtorAccount: debtor, RemittanceInformation: remittance(version) };
  if (shape !== 'full') return valid;
  const full = { ...valid, LocalInstrument: 'UK.OBIE.FPS', CreditorPostalAddress: address(version), SupplementaryData: { OrderChannel: 'web' } };
  return version === 'v3.1' ? full : { ...full, ...partiesV4 };
}

/** Optional Initiation members of a standing order per shape (v3.1 has a Reference instead of RemittanceInformation). */
function standingOrderExtras(version: UkVersion, shape: Shape): Body {
  const valid = version === 'v3.1' ? { DebtorAccount: debtor } : { DebtorAccount: debtor, RemittanceInformation: remittance(version) };
  if (shape !== 'full') return valid;
  const full = { ...valid, SupplementaryData: { OrderChannel: 'app' } };
  return version === 'v3.1' ? full : { ...full, ...partiesV4 };
}

const partiesV4 = {
  UltimateCreditor: { Name: 'Northfield Group plc' },
  UltimateDebtor: { Name: 'A. Walker' },
  RegulatoryReporting: [{ DebitCreditReportingIndicator: 'DEBT', Authority: { Name: 'Bank of England', CountryCode: 'GB' } }],
};

function payment(data: Body, initiationExtras: Body, version: UkVersion, now: Date, shape: Shape): Body {
  if (shape === 'minimal') return { Data: data, Risk: {} };
  const initiation = { ...(data['Initiation'] as Body), ...initiationExtras };
  if (shape === 'valid') return { Data: { ...data, Initiation: initiation }, Risk: { PaymentContextCode: 'TransferToThirdParty' } };
  return { Data: { ...data, ...paymentExtras(now), Initiation: initiation }, Risk: fullRisk(version) };
}

const BUILDERS: Readonly<Record<UkConsentResource, (version: UkVersion, now: Date, shape: Shape) => Body>> = {
  'account-access-consents': (_version, now, shape) => {
    if (shape === 'minimal') return { Data: { Permissions: ['ReadAccountsBasic'] }, Risk: {} };
    const permissions = shape === 'full' ? ALL_PERMISSIONS : ['ReadAccountsDetail', 'ReadBalances', 'ReadTransactionsDetail', 'ReadTransactionsCredits', 'ReadTransactionsDebits'];
    const window = { TransactionFromDateTime: ukDateTime(now, -365), TransactionToDateTime: ukDateTime(now, 90) };
    return { Data: { Permissions: permissions, ExpirationDateTime: ukDateTime(now, 90), ...window }, Risk: {} };
  },
  'domestic-payment-consents': (version, now, shape) => {
    const initiation = { InstructionIdentification: 'INSTR-7781', EndToEndIdentification: 'E2E-7781', InstructedAmount: amount('165.88'), CreditorAccount: creditor };
    return payment({ Initiation: initiation }, oneOffExtras(version, shape), version, now, shape);
  },
  'domestic-scheduled-payment-consents': (version, now, shape) => {
    const initiation = { InstructionIdentification: 'INSTR-7782', RequestedExecutionDateTime: ukDateTime(now, 7), InstructedAmount: amount('1200'), CreditorAccount: creditor };
    const endToEnd = shape === 'minimal' ? {} : { EndToEndIdentification: 'E2E-7782' };
    return payment({ Permission: 'Create', Initiation: { ...initiation, ...endToEnd } }, oneOffExtras(version, shape), version, now, shape);
  },
  'domestic-standing-order-consents': (version, now, shape) => {
    const dates = {
      FirstPaymentDateTime: ukDateTime(now, 7),
      ...(shape === 'full' ? { RecurringPaymentDateTime: ukDateTime(now, 37) } : {}),
      ...(shape === 'valid' ? { FinalPaymentDateTime: ukDateTime(now, 365) } : {}),
    };
    const schedule =
      version === 'v3.1'
        ? { Frequency: shape === 'minimal' ? 'EvryWorkgDay' : 'IntrvlMnthDay:01:07', ...dates, ...(shape === 'minimal' ? {} : { Reference: 'Rent flat 2' }) }
        : {
            MandateRelatedInformation:
              shape === 'minimal'
                ? { Frequency: { Type: 'MNTH' } }
                : { Frequency: { Type: 'MNTH', CountPerPeriod: 1, PointInTime: '07' }, ...dates, Classification: 'FIXE' },
          };
    const amounts = {
      FirstPaymentAmount: amount('650.00'),
      ...(shape === 'minimal' ? {} : { RecurringPaymentAmount: amount('650.00') }),
      ...(shape === 'full' ? { FinalPaymentAmount: amount('650.00'), NumberOfPayments: '12' } : {}),
    };
    const initiation = { ...schedule, ...amounts, CreditorAccount: creditor };
    return payment({ Permission: 'Create', Initiation: initiation }, standingOrderExtras(version, shape), version, now, shape);
  },
  'funds-confirmation-consents': (version, now, shape) => {
    if (shape === 'minimal') return { Data: { DebtorAccount: { SchemeName: debtor.SchemeName, Identification: debtor.Identification } } };
    const proxy = shape === 'full' && version === 'v4.0' ? { Proxy: { Identification: '+447700900123', Code: 'TELE' } } : {};
    const secondary = shape === 'full' ? { SecondaryIdentification: 'ROLL-0042' } : {};
    return { Data: { ExpirationDateTime: ukDateTime(now, 90), DebtorAccount: { ...debtor, ...secondary, ...proxy } } };
  },
};
