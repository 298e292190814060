import { isRecord } from '../shared/is-record.js';
import type { ConsentRecord } from '../storage/ports.js';

/**
 * What a resource server needs to enforce a consent, as introspection (RFC 7662 §2.2 extension member `consent`)
 * returns it: id, kind, status, expiry, the PSU's accounts and, per kind, the AIS permissions and transaction window,
 * the payment initiation, or the funds-confirmation debtor account.
 */
export interface ConsentSummary {
  readonly id: string;
  readonly kind: ConsentRecord['kind'];
  readonly status: ConsentRecord['status'];
  /** Seconds since the epoch. */
  readonly expires_at?: number;
  readonly accounts: readonly string[];
  readonly permissions?: readonly string[];
  readonly transaction_from?: string;
  readonly transaction_to?: string;
  /** UK `Data.Initiation` of a payment consent, as the TPP staged it. */
  readonly initiation?: Readonly<Record<string, unknown>>;
  readonly debtor_account?: Readonly<Record<string, unknown>>;
  /** The scope an `authorization` consent (STET, FAPI 2.0) records. */
  readonly scope?: string;
}

/** The summary of a consent (see {@link ConsentSummary}). */
export function consentSummary(consent: ConsentRecord): ConsentSummary {
  const data = isRecord(consent.details['Data']) ? consent.details['Data'] : {};
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  const permissions = Array.isArray(data['Permissions']) ? data['Permissions'].filter((item): item is string => typeof item === 'string') : undefined;
  const members: Record<string, unknown> = {
    id: consent.consentId,
    kind: consent.kind,
    status: consent.status,
    expires_at: consent.expiresAt === undefined ? undefined : Math.floor(consent.expiresAt.getTime() / 1000),
    accounts: consent.accounts ?? [],
    permissions,
    transaction_from: text(data['TransactionFromDateTime']),
    transaction_to: text(data['TransactionToDateTime']),
    initiation: isRecord(data['Initiation']) ? data['Initiation'] : undefined,
    debtor_account: isRecord(data['DebtorAccount']) ? data['DebtorAccount'] : undefined,
    scope: text(consent.details['scope']),
  };
  return Object.fromEntries(Object.entries(members).filter(([, value]) => value !== undefined)) as unknown as ConsentSummary;
}
