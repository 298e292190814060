import { invalidRequest } from '../errors/error-factories.js';
import type { IntentKind, IntentRecord } from '../storage/ports.js';
import { PERMISSION_TEXTS } from './permission-texts.js';
import { isRecord } from '../shared/is-record.js';

/** The scope a client_credentials token needs to create an intent of each kind (UK OB API scopes). */
export const INTENT_SCOPES: Readonly<Record<IntentKind, string>> = {
  'account-access': 'accounts',
  payment: 'payments',
  'funds-confirmation': 'fundsconfirmations',
};

/** A validated intent creation request. */
export interface IntentRequest {
  readonly kind: IntentKind;
  readonly details: Readonly<Record<string, unknown>>;
  readonly expiresAt?: Date;
}

const KINDS = Object.keys(INTENT_SCOPES) as IntentKind[];
/**
 * Reads `POST /intents` JSON, a small subset of the UK OB consent resources: `kind`; for `account-access`, the
 * `permissions` (UK OB permission codes, Account and Transaction API); for `payment`, `instructedAmount` (`amount`,
 * `currency`), `creditorName` and an optional `reference`; and an optional future `expirationDateTime` (ISO 8601).
 */
export function readIntentRequest(json: unknown, now: Date): IntentRequest {
  if (!isRecord(json)) throw invalidRequest('The body must be a JSON object');
  const kind = json['kind'];
  if (!KINDS.includes(kind as IntentKind)) throw invalidRequest(`kind must be one of ${KINDS.join(', ')}`);
  const expiresAt = expiry(json['expirationDateTime'], now);
  const details = kind === 'account-access' ? accountAccess(json) : kind === 'payment' ? payment(json) : {};
  return { kind: kind as IntentKind, details, ...(expiresAt === undefined ? {} : { expiresAt }) };
}

function expiry(value: unknown, now: Date): Date | undefined {
  if (value === undefined) return undefined;
  const date = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) ? new Date(value) : undefined;
  if (date === undefined || Number.isNaN(date.getTime())) throw invalidRequest('expirationDateTime must be an ISO 8601 date-time with offset');
  if (date <= now) throw invalidRequest('expirationDateTime must be in the future');
  return date;
}

function accountAccess(json: Record<string, unknown>): Record<string, unknown> {
  const permissions = json['permissions'];
  if (!Array.isArray(permissions) || permissions.length === 0 || permissions.some((item) => typeof item !== 'string' || !(Object.hasOwn(PERMISSION_TEXTS, item)))) {
    throw invalidRequest('permissions must be a non-empty list of UK OB permission codes such as ReadAccountsBasic');
  }
  return { permissions: [...new Set(permissions as string[])] };
}

function payment(json: Record<string, unknown>): Record<string, unknown> {
  const amount = json['instructedAmount'];
  if (!isRecord(amount) || typeof amount['amount'] !== 'string' || !/^\d{1,13}(\.\d{1,5})?$/.test(amount['amount'])) {
    throw invalidRequest('instructedAmount.amount must be a decimal string such as "10.50"');
  }
  if (typeof amount['currency'] !== 'string' || !/^[A-Z]{3}$/.test(amount['currency'])) {
    throw invalidRequest('instructedAmount.currency must be an ISO 4217 code');
  }
  const creditorName = json['creditorName'];
  if (typeof creditorName !== 'string' || creditorName.length === 0 || creditorName.length > 140) {
    throw invalidRequest('creditorName must be a string of 1 to 140 characters');
  }
  const reference = json['reference'];
  if (reference !== undefined && (typeof reference !== 'string' || reference.length > 35)) {
    throw invalidRequest('reference must be a string of at most 35 characters');
  }
  return {
    instructedAmount: { amount: amount['amount'], currency: amount['currency'] },
    creditorName,
    ...(reference === undefined ? {} : { reference }),
  };
}

/** The JSON view of an intent (what `POST` and `GET /intents/{id}` answer). */
export function intentView(intent: IntentRecord): Record<string, unknown> {
  return {
    intentId: intent.intentId,
    kind: intent.kind,
    status: intent.status,
    creationDateTime: intent.createdAt.toISOString(),
    statusUpdateDateTime: intent.statusUpdatedAt.toISOString(),
    ...(intent.expiresAt === undefined ? {} : { expirationDateTime: intent.expiresAt.toISOString() }),
    ...intent.details,
  };
}
