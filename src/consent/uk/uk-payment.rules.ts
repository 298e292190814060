import type { FieldProblem } from '../../errors/oauth-error.js';
import { stringAt, valueAt } from './uk-body-path.js';
import type { UkConsentRule } from './uk-consent-rule.js';

const AMOUNT = /^\d{1,13}$|^\d{1,13}\.\d{1,5}$/;
const CURRENCY = /^[A-Z]{3}$/;
const COUNT = /^[1-9]\d*$/;
const KNOWN_CURRENCIES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));

/**
 * Each `{ Amount, Currency }` at `paths` (relative to `Data`): a well-formed Amount must be more than zero, and a
 * well-formed Currency must be an ISO 4217 code (as known to the runtime's ICU data); malformed values are the schema's.
 */
export function amountsRule(paths: readonly string[]): UkConsentRule {
  return (data) =>
    paths.flatMap((path) => {
      const problems: FieldProblem[] = [];
      const amount = stringAt(data, `${path}.Amount`);
      if (amount !== undefined && AMOUNT.test(amount) && Number(amount) === 0) {
        problems.push({ reason: 'amount_zero', message: 'Must be more than zero', path: `Data.${path}.Amount` });
      }
      const currency = stringAt(data, `${path}.Currency`);
      if (currency !== undefined && CURRENCY.test(currency) && !KNOWN_CURRENCIES.has(currency)) {
        problems.push({ reason: 'currency_unsupported', message: `${currency} is not an ISO 4217 currency`, path: `Data.${path}.Currency` });
      }
      return problems;
    });
}

/**
 * Standing orders: `Initiation.NumberOfPayments`, when present, counts the payments (a positive whole number), and
 * bounds the schedule on its own: it is refused together with a FinalPaymentDateTime (at `finalPaymentPath`).
 */
export function numberOfPaymentsRule(finalPaymentPath: string): UkConsentRule {
  return (data) => {
    const count = stringAt(data, 'Initiation.NumberOfPayments');
    if (count === undefined) return [];
    const path = 'Data.Initiation.NumberOfPayments';
    if (!COUNT.test(count)) return [{ reason: 'field_invalid', message: 'Must be a whole number of payments, 1 or more', path }];
    if (valueAt(data, finalPaymentPath) !== undefined) {
      return [{ reason: 'field_unexpected', message: `Must not be given together with Data.${finalPaymentPath}`, path }];
    }
    return [];
  };
}
