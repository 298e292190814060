import { OAuthError, type FieldProblem } from '../../errors/oauth-error.js';
import { isRecord } from '../../shared/is-record.js';
import type { ConsentKind, UkApiVersion } from '../../storage/ports.js';
import { permissionsDistinctRule, transactionPermissionsRule } from './uk-account-access.rules.js';
import { stringAt } from './uk-body-path.js';
import { datesInOrderRule, futureDateRule, type UkConsentRule } from './uk-consent-rule.js';
import { UK_CONSENT_KINDS, type UkConsentResource } from './uk-consent-resource.js';
import { parseUkDateTime } from './uk-date-time.js';
import { amountsRule, numberOfPaymentsRule } from './uk-payment.rules.js';
import { checkUkConsentSchema } from './uk-request-schema.validator.js';

export { UK_CONSENT_KINDS, type UkConsentResource };

/** A validated UK OB consent creation request (`POST /{resource}`), ready for the consent lifecycle to store. */
export interface UkConsentRequest {
  readonly kind: ConsentKind;
  /**
   * The body's Data and Risk as received (after validation), to store and echo back. Funds confirmation consents
   * (OBFundsConfirmationConsent1) have no Risk: `{}`.
   */
  readonly details: { readonly Data: Readonly<Record<string, unknown>>; readonly Risk: Readonly<Record<string, unknown>> };
  /** Data.ExpirationDateTime when present. */
  readonly expiresAt?: Date;
}

/** At most this many problems are reported for one request. */
export const MAX_FIELD_PROBLEMS = 20;

const ACCOUNT_ACCESS: readonly UkConsentRule[] = [
  permissionsDistinctRule,
  transactionPermissionsRule,
  futureDateRule('ExpirationDateTime', 'expiration_date_past'),
  datesInOrderRule('TransactionFromDateTime', 'TransactionToDateTime'),
];
const DOMESTIC_PAYMENT: readonly UkConsentRule[] = [amountsRule(['Initiation.InstructedAmount'])];
const DOMESTIC_SCHEDULED_PAYMENT: readonly UkConsentRule[] = [
  ...DOMESTIC_PAYMENT,
  futureDateRule('Initiation.RequestedExecutionDateTime', 'execution_date_past'),
];
const STANDING_ORDER_AMOUNTS = amountsRule(
  ['FirstPaymentAmount', 'RecurringPaymentAmount', 'FinalPaymentAmount'].map((name) => `Initiation.${name}`),
);
const FUNDS_CONFIRMATION: readonly UkConsentRule[] = [futureDateRule('ExpirationDateTime', 'expiration_date_past')];

/** Standing-order schedule rules; v3.1 keeps the dates in Initiation, v4.0 in Initiation.MandateRelatedInformation. */
function standingOrderRules(schedulePath: string): readonly UkConsentRule[] {
  return [
    STANDING_ORDER_AMOUNTS,
    futureDateRule(`${schedulePath}.FirstPaymentDateTime`, 'execution_date_past'),
    datesInOrderRule(`${schedulePath}.FirstPaymentDateTime`, `${schedulePath}.FinalPaymentDateTime`),
    numberOfPaymentsRule(`${schedulePath}.FinalPaymentDateTime`),
  ];
}

const RULES: Readonly<Record<UkApiVersion, Readonly<Record<UkConsentResource, readonly UkConsentRule[]>>>> = {
  'v3.1': {
    'account-access-consents': ACCOUNT_ACCESS,
    'domestic-payment-consents': DOMESTIC_PAYMENT,
    'domestic-scheduled-payment-consents': DOMESTIC_SCHEDULED_PAYMENT,
    'domestic-standing-order-consents': standingOrderRules('Initiation'),
    'funds-confirmation-consents': FUNDS_CONFIRMATION,
  },
  'v4.0': {
    'account-access-consents': ACCOUNT_ACCESS,
    'domestic-payment-consents': DOMESTIC_PAYMENT,
    'domestic-scheduled-payment-consents': DOMESTIC_SCHEDULED_PAYMENT,
    'domestic-standing-order-consents': standingOrderRules('Initiation.MandateRelatedInformation'),
    'funds-confirmation-consents': FUNDS_CONFIRMATION,
  },
};

/**
 * Reads the JSON body of a UK OB consent creation request (read/write API v3.1.11 or v4.0: account-access-consents,
 * domestic-payment-consents, domestic-scheduled-payment-consents, domestic-standing-order-consents,
 * funds-confirmation-consents): first the resource's JSON Schema, then the rules the schema cannot express (permission
 * pairs, dates in the future and in order, non-zero amounts, ISO 4217 currencies, standing order schedules), relative
 * to `now`. Throws an `invalid_request` OAuthError listing every problem found (up to {@link MAX_FIELD_PROBLEMS}), each
 * with its reason and body path, for the UK `Errors[]` array.
 */
export function readUkConsentRequest(resource: UkConsentResource, version: UkApiVersion, body: unknown, now: Date): UkConsentRequest {
  if (!isRecord(body)) {
    throw refusal(resource, [{ reason: 'resource_invalid_format', message: 'The request body must be a JSON object' }]);
  }
  const problems = checkUkConsentSchema(resource, version, body);
  const data = body['Data'];
  if (isRecord(data)) {
    for (const rule of RULES[version][resource]) problems.push(...rule(data, now));
  }
  if (problems.length > 0 || !isRecord(data)) throw refusal(resource, problems);
  const risk = body['Risk'];
  const expiration = stringAt(data, 'ExpirationDateTime');
  const expiresAt = expiration === undefined ? undefined : parseUkDateTime(expiration);
  return {
    kind: UK_CONSENT_KINDS[resource],
    details: { Data: data, Risk: isRecord(risk) ? risk : {} },
    ...(expiresAt === undefined ? {} : { expiresAt }),
  };
}

function refusal(resource: UkConsentResource, problems: readonly FieldProblem[]): OAuthError {
  const fields = distinct(problems).slice(0, MAX_FIELD_PROBLEMS);
  const first = fields[0] ?? { reason: 'resource_invalid_format', message: 'The request body does not match the schema' };
  const more = fields.length > 1 ? ` (and ${fields.length - 1} more)` : '';
  const where = first.path === undefined ? '' : `${printable(first.path)}: `;
  return new OAuthError('invalid_request', `Invalid ${resource} request: ${where}${first.message}${more}`, { reason: first.reason, fields });
}

function distinct(problems: readonly FieldProblem[]): FieldProblem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = `${problem.reason} ${problem.path ?? ''} ${problem.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A body path may hold a member name the client made up: keep `error_description` within RFC 6749 §5.2 characters. */
function printable(path: string): string {
  const safe = path.replace(/[^\x20-\x21\x23-\x5B\x5D-\x7E]/g, '?');
  return safe.length > 100 ? `${safe.slice(0, 100)}...` : safe;
}
