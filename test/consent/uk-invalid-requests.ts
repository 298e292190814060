import type { UkConsentResource } from '../../src/consent/uk/uk-consent-request.js';
import type { ReasonKey } from '../../src/errors/reason-catalogue.js';
import { validUkConsentBody, withMember, type UkVersion } from './uk-consent-bodies.js';

export { validUkConsentBody } from './uk-consent-bodies.js';

/** One consent request obas must refuse, with the reason (and body path) of the problem it must report. */
export interface InvalidUkConsentRequest {
  readonly name: string;
  readonly resource: UkConsentResource;
  readonly version: UkVersion;
  readonly body: unknown;
  readonly reason: ReasonKey;
  readonly path?: string;
}

const FUTURE = new Date('2099-01-01T00:00:00Z');
const PAST = '2001-01-01T00:00:00+00:00';

const AIS = 'account-access-consents';
const PAYMENT = 'domestic-payment-consents';
const SCHEDULED = 'domestic-scheduled-payment-consents';
const STANDING_ORDER = 'domestic-standing-order-consents';
const FUNDS = 'funds-confirmation-consents';

function broken(resource: UkConsentResource, version: UkVersion, path: string, value: unknown): Record<string, unknown> {
  return withMember(validUkConsentBody(resource, version, FUTURE), path, value);
}

const SO_V4_SCHEDULE = 'Data.Initiation.MandateRelatedInformation';

/**
 * Every named refusal of the UK consent request validation, across both releases and all five resources. Bodies are
 * valid ones (dates counted from 2099, so in the future for any clock a test runs on) with one thing broken; past dates
 * are in 2001. `reason` and `path` are those of the first problem reported (`fields[0]`, and the error's own `reason`);
 * all but the oversized permission list have exactly one problem.
 */
export const INVALID_UK_CONSENT_REQUESTS: readonly InvalidUkConsentRequest[] = [
  { name: 'body is a JSON array, not an object', resource: AIS, version: 'v3.1', body: [], reason: 'resource_invalid_format' },
  { name: 'body is a JSON string', resource: PAYMENT, version: 'v4.0', body: 'Data', reason: 'resource_invalid_format' },
  { name: 'Data missing', resource: AIS, version: 'v4.0', body: { Risk: {} }, reason: 'field_missing', path: 'Data' },
  {
    name: 'Data is not an object',
    resource: PAYMENT,
    version: 'v3.1',
    body: broken(PAYMENT, 'v3.1', 'Data', ['Initiation']),
    reason: 'field_invalid',
    path: 'Data',
  },
  {
    name: 'Permissions missing',
    resource: AIS,
    version: 'v3.1',
    body: broken(AIS, 'v3.1', 'Data.Permissions', undefined),
    reason: 'field_missing',
    path: 'Data.Permissions',
  },
  {
    name: 'Permissions empty',
    resource: AIS,
    version: 'v4.0',
    body: broken(AIS, 'v4.0', 'Data.Permissions', []),
    reason: 'field_invalid',
    path: 'Data.Permissions',
  },
  {
    name: 'unknown permission',
    resource: AIS,
    version: 'v4.0',
    body: broken(AIS, 'v4.0', 'Data.Permissions', ['ReadAccountsBasic', 'ReadEverything']),
    reason: 'field_invalid',
    path: 'Data.Permissions[1]',
  },
  {
    name: 'permission listed twice',
    resource: AIS,
    version: 'v3.1',
    body: broken(AIS, 'v3.1', 'Data.Permissions', ['ReadBalances', 'ReadAccountsBasic', 'ReadBalances']),
    reason: 'field_invalid',
    path: 'Data.Permissions',
  },
  {
    name: 'too many permissions (absurd array length)',
    resource: AIS,
    version: 'v4.0',
    body: broken(AIS, 'v4.0', 'Data.Permissions', Array.from({ length: 51 }, () => 'ReadBalances')),
    reason: 'field_invalid',
    path: 'Data.Permissions',
  },
  {
    name: 'ReadTransactionsDetail without ReadTransactionsCredits or ReadTransactionsDebits',
    resource: AIS,
    version: 'v3.1',
    body: broken(AIS, 'v3.1', 'Data.Permissions', ['ReadAccountsBasic', 'ReadTransactionsDetail']),
    reason: 'field_expected',
    path: 'Data.Permissions',
  },
  {
    name: 'ReadTransactionsBasic without ReadTransactionsCredits or ReadTransactionsDebits',
    resource: AIS,
    version: 'v4.0',
    body: broken(AIS, 'v4.0', 'Data.Permissions', ['ReadTransactionsBasic']),
    reason: 'field_expected',
    path: 'Data.Permissions',
  },
  {
    name: 'ReadTransactionsCredits without ReadTransactionsBasic or ReadTransactionsDetail',
    resource: AIS,
    version: 'v4.0',
    body: broken(AIS, 'v4.0', 'Data.Permissions', ['ReadAccountsBasic', 'ReadTransactionsCredits']),
    reason: 'field_expected',
    path: 'Data.Permissions',
  },
  {
    name: 'account access ExpirationDateTime in the past',
    resource: AIS,
    version: 'v4.0',
    body: broken(AIS, 'v4.0', 'Data.ExpirationDateTime', PAST),
    reason: 'expiration_date_past',
    path: 'Data.ExpirationDateTime',
  },
  {
    name: 'TransactionToDateTime before TransactionFromDateTime',
    resource: AIS,
    version: 'v3.1',
    body: broken(AIS, 'v3.1', 'Data.TransactionToDateTime', PAST),
    reason: 'field_invalid_date',
    path: 'Data.TransactionToDateTime',
  },
  {
    name: 'date-time without a time zone offset',
    resource: AIS,
    version: 'v4.0',
    body: broken(AIS, 'v4.0', 'Data.ExpirationDateTime', '2099-06-01T10:00:00'),
    reason: 'field_invalid_date',
    path: 'Data.ExpirationDateTime',
  },
  {
    name: 'date without a time',
    resource: FUNDS,
    version: 'v3.1',
    body: broken(FUNDS, 'v3.1', 'Data.ExpirationDateTime', '2099-06-01'),
    reason: 'field_invalid_date',
    path: 'Data.ExpirationDateTime',
  },
  {
    name: 'unexpected member at the top level',
    resource: AIS,
    version: 'v3.1',
    body: broken(AIS, 'v3.1', 'Meta', {}),
    reason: 'field_unexpected',
    path: 'Meta',
  },
  {
    name: 'unexpected member in the Initiation',
    resource: PAYMENT,
    version: 'v4.0',
    body: broken(PAYMENT, 'v4.0', 'Data.Initiation.ChargeBearer', 'Shared'),
    reason: 'field_unexpected',
    path: 'Data.Initiation.ChargeBearer',
  },
  {
    name: 'Risk missing',
    resource: PAYMENT,
    version: 'v3.1',
    body: broken(PAYMENT, 'v3.1', 'Risk', undefined),
    reason: 'field_missing',
    path: 'Risk',
  },
  {
    name: 'account access Risk missing',
    resource: AIS,
    version: 'v4.0',
    body: broken(AIS, 'v4.0', 'Risk', undefined),
    reason: 'field_missing',
    path: 'Risk',
  },
  {
    name: 'CreditorAccount missing',
    resource: PAYMENT,
    version: 'v4.0',
    body: broken(PAYMENT, 'v4.0', 'Data.Initiation.CreditorAccount', undefined),
    reason: 'field_missing',
    path: 'Data.Initiation.CreditorAccount',
  },
  {
    name: 'Amount with a decimal comma',
    resource: PAYMENT,
    version: 'v3.1',
    body: broken(PAYMENT, 'v3.1', 'Data.Initiation.InstructedAmount.Amount', '165,88'),
    reason: 'amount_invalid',
    path: 'Data.Initiation.InstructedAmount.Amount',
  },
  {
    name: 'Amount with six decimals',
    resource: SCHEDULED,
    version: 'v4.0',
    body: broken(SCHEDULED, 'v4.0', 'Data.Initiation.InstructedAmount.Amount', '1.123456'),
    reason: 'amount_invalid',
    path: 'Data.Initiation.InstructedAmount.Amount',
  },
  {
    name: 'zero Amount',
    resource: PAYMENT,
    version: 'v4.0',
    body: broken(PAYMENT, 'v4.0', 'Data.Initiation.InstructedAmount.Amount', '0.00'),
    reason: 'amount_zero',
    path: 'Data.Initiation.InstructedAmount.Amount',
  },
  {
    name: 'zero standing order FirstPaymentAmount',
    resource: STANDING_ORDER,
    version: 'v3.1',
    body: broken(STANDING_ORDER, 'v3.1', 'Data.Initiation.FirstPaymentAmount.Amount', '0'),
    reason: 'amount_zero',
    path: 'Data.Initiation.FirstPaymentAmount.Amount',
  },
  {
    name: 'Currency in lower case',
    resource: PAYMENT,
    version: 'v3.1',
    body: broken(PAYMENT, 'v3.1', 'Data.Initiation.InstructedAmount.Currency', 'gbp'),
    reason: 'currency_invalid',
    path: 'Data.Initiation.InstructedAmount.Currency',
  },
  {
    name: 'Currency not in ISO 4217',
    resource: SCHEDULED,
    version: 'v4.0',
    body: broken(SCHEDULED, 'v4.0', 'Data.Initiation.InstructedAmount.Currency', 'XYZ'),
    reason: 'currency_unsupported',
    path: 'Data.Initiation.InstructedAmount.Currency',
  },
  {
    name: 'Reference longer than 35 characters',
    resource: PAYMENT,
    version: 'v3.1',
    body: broken(PAYMENT, 'v3.1', 'Data.Initiation.RemittanceInformation.Reference', 'R'.repeat(36)),
    reason: 'field_invalid',
    path: 'Data.Initiation.RemittanceInformation.Reference',
  },
  {
    name: 'InstructionIdentification longer than 35 characters',
    resource: PAYMENT,
    version: 'v4.0',
    body: broken(PAYMENT, 'v4.0', 'Data.Initiation.InstructionIdentification', 'I'.repeat(36)),
    reason: 'field_invalid',
    path: 'Data.Initiation.InstructionIdentification',
  },
  {
    name: 'scheduled payment Permission other than Create',
    resource: SCHEDULED,
    version: 'v3.1',
    body: broken(SCHEDULED, 'v3.1', 'Data.Permission', 'Delete'),
    reason: 'field_invalid',
    path: 'Data.Permission',
  },
  {
    name: 'scheduled RequestedExecutionDateTime in the past',
    resource: SCHEDULED,
    version: 'v3.1',
    body: broken(SCHEDULED, 'v3.1', 'Data.Initiation.RequestedExecutionDateTime', PAST),
    reason: 'execution_date_past',
    path: 'Data.Initiation.RequestedExecutionDateTime',
  },
  {
    name: 'scheduled RequestedExecutionDateTime in the past (v4.0)',
    resource: SCHEDULED,
    version: 'v4.0',
    body: broken(SCHEDULED, 'v4.0', 'Data.Initiation.RequestedExecutionDateTime', PAST),
    reason: 'execution_date_past',
    path: 'Data.Initiation.RequestedExecutionDateTime',
  },
  {
    name: 'standing order Frequency not in the v3.1 syntax',
    resource: STANDING_ORDER,
    version: 'v3.1',
    body: broken(STANDING_ORDER, 'v3.1', 'Data.Initiation.Frequency', 'Weekly'),
    reason: 'frequency_unsupported',
    path: 'Data.Initiation.Frequency',
  },
  {
    name: 'standing order Frequency day out of range',
    resource: STANDING_ORDER,
    version: 'v3.1',
    body: broken(STANDING_ORDER, 'v3.1', 'Data.Initiation.Frequency', 'IntrvlWkDay:01:08'),
    reason: 'frequency_unsupported',
    path: 'Data.Initiation.Frequency',
  },
  {
    name: 'standing order Frequency.Type neither a v4.0 code nor a pattern',
    resource: STANDING_ORDER,
    version: 'v4.0',
    body: broken(STANDING_ORDER, 'v4.0', `${SO_V4_SCHEDULE}.Frequency.Type`, 'Weekly'),
    reason: 'frequency_unsupported',
    path: `${SO_V4_SCHEDULE}.Frequency.Type`,
  },
  {
    name: 'standing order FirstPaymentDateTime in the past',
    resource: STANDING_ORDER,
    version: 'v3.1',
    body: broken(STANDING_ORDER, 'v3.1', 'Data.Initiation.FirstPaymentDateTime', PAST),
    reason: 'execution_date_past',
    path: 'Data.Initiation.FirstPaymentDateTime',
  },
  {
    name: 'standing order FirstPaymentDateTime in the past (v4.0)',
    resource: STANDING_ORDER,
    version: 'v4.0',
    body: broken(STANDING_ORDER, 'v4.0', `${SO_V4_SCHEDULE}.FirstPaymentDateTime`, PAST),
    reason: 'execution_date_past',
    path: `${SO_V4_SCHEDULE}.FirstPaymentDateTime`,
  },
  {
    name: 'standing order FinalPaymentDateTime before FirstPaymentDateTime',
    resource: STANDING_ORDER,
    version: 'v3.1',
    body: broken(STANDING_ORDER, 'v3.1', 'Data.Initiation.FinalPaymentDateTime', '2099-01-02T00:00:00+00:00'),
    reason: 'field_invalid_date',
    path: 'Data.Initiation.FinalPaymentDateTime',
  },
  {
    name: 'standing order NumberOfPayments together with FinalPaymentDateTime',
    resource: STANDING_ORDER,
    version: 'v4.0',
    body: broken(STANDING_ORDER, 'v4.0', 'Data.Initiation.NumberOfPayments', '12'),
    reason: 'field_unexpected',
    path: 'Data.Initiation.NumberOfPayments',
  },
  {
    name: 'standing order NumberOfPayments not a count',
    resource: STANDING_ORDER,
    version: 'v3.1',
    body: withMember(broken(STANDING_ORDER, 'v3.1', 'Data.Initiation.FinalPaymentDateTime', undefined), 'Data.Initiation.NumberOfPayments', 'twelve'),
    reason: 'field_invalid',
    path: 'Data.Initiation.NumberOfPayments',
  },
  {
    name: 'funds confirmation DebtorAccount missing',
    resource: FUNDS,
    version: 'v3.1',
    body: broken(FUNDS, 'v3.1', 'Data.DebtorAccount', undefined),
    reason: 'field_missing',
    path: 'Data.DebtorAccount',
  },
  {
    name: 'funds confirmation DebtorAccount missing (v4.0)',
    resource: FUNDS,
    version: 'v4.0',
    body: broken(FUNDS, 'v4.0', 'Data.DebtorAccount', undefined),
    reason: 'field_missing',
    path: 'Data.DebtorAccount',
  },
  {
    name: 'funds confirmation ExpirationDateTime in the past',
    resource: FUNDS,
    version: 'v4.0',
    body: broken(FUNDS, 'v4.0', 'Data.ExpirationDateTime', PAST),
    reason: 'expiration_date_past',
    path: 'Data.ExpirationDateTime',
  },
  {
    name: 'funds confirmation with a Risk member',
    resource: FUNDS,
    version: 'v4.0',
    body: broken(FUNDS, 'v4.0', 'Risk', {}),
    reason: 'field_unexpected',
    path: 'Risk',
  },
];
