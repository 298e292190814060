/** The consent repository port (see `ports.ts` for the rest of the storage ports and `Storage`). */

/**
 * What a consent lets a TPP do. The UK OB consent resources (read/write API v3.1.11 and v4.0): account access (AIS),
 * domestic, scheduled and standing-order payments (PIS), funds confirmation (CBPII). `authorization`: a consent
 * created when the PSU authorises a request that names no staged consent (STET, FAPI 2.0), recording the scope.
 */
export type ConsentKind =
  | 'account-access'
  | 'domestic-payment'
  | 'domestic-scheduled-payment'
  | 'domestic-standing-order'
  | 'funds-confirmation'
  | 'authorization';

/**
 * Consent status, in the UK v3.1 vocabulary (the v4.0 rendering maps it: AWAU, AUTH, RJCT, CANC, EXPD, COND).
 * `Revoked` ends an authorised consent (TPP DELETE, PSU dashboard, operator); `Consumed` a used payment consent.
 */
export type ConsentStatus = 'AwaitingAuthorisation' | 'Authorised' | 'Rejected' | 'Revoked' | 'Expired' | 'Consumed';

/** The UK OB release a consent was created through. */
export type UkApiVersion = 'v3.1' | 'v4.0';

/** One consent: what a TPP asked for, what the PSU chose, and where it is in its lifecycle. */
export interface ConsentRecord {
  /** The `ConsentId` (UK `openbanking_intent_id`). */
  readonly consentId: string;
  /** The client that created it; the only one that may read it, authorise it or get tokens for it. */
  readonly clientId: string;
  readonly kind: ConsentKind;
  /** The UK release it was created through; absent for consents created at authorization time. */
  readonly apiVersion?: UkApiVersion;
  readonly status: ConsentStatus;
  /** Key of the reason catalogue explaining the last status change (e.g. `consent_revoked_by_psu`). */
  readonly statusReason?: string;
  /**
   * The content as the TPP asked for it: for UK consents the request's `Data` (no ids, statuses or dates of ours) and
   * `Risk`; for `authorization` consents `{ scope }`.
   */
  readonly details: Readonly<Record<string, unknown>>;
  readonly createdAt: Date;
  readonly statusUpdatedAt: Date;
  /** When an authorised consent stops granting access (UK `ExpirationDateTime`). */
  readonly expiresAt?: Date;
  /** Until when the PSU may authorise it; an AwaitingAuthorisation consent past it ends Rejected. */
  readonly authorisationExpiresAt: Date;
  /** The PSU who decided. */
  readonly subject?: string;
  /** The accounts the PSU chose (for a payment without a debtor account: the account to pay from). */
  readonly accounts?: readonly string[];
  /** `x-idempotency-key` of the creating request (payment consents) and the SHA-256 of its body. */
  readonly idempotencyKey?: string;
  readonly requestHash?: string;
}

/** An atomic status change of {@link ConsentRepository.transition}. */
export interface ConsentTransition {
  /** The statuses the consent must be in for the change to happen. */
  readonly from: readonly ConsentStatus[];
  readonly to: ConsentStatus;
  readonly reason?: string;
  /** Only when the consent is this client's. */
  readonly clientId?: string;
  /** Only when the consent is this PSU's. */
  readonly subject?: string;
  /** Recorded with the change (the PSU's decision). */
  readonly decision?: { readonly subject: string; readonly accounts: readonly string[] };
  /** The expiry to give a consent that has none (the longest an authorisation lasts under the profile). */
  readonly expiresAtUnlessSet?: Date;
}

/** Consents. */
export interface ConsentRepository {
  insert(consent: ConsentRecord): Promise<void>;
  /**
   * Inserts `consent` unless the same client already created one with the same idempotency key at or after `since`:
   * then resolves that one and inserts nothing. Atomic across processes (a unique key on client and idempotency key).
   */
  insertIdempotent(consent: ConsentRecord & { readonly idempotencyKey: string }, since: Date): Promise<ConsentRecord>;
  find(consentId: string): Promise<ConsentRecord | undefined>;
  /** Every consent a PSU decided, newest first. */
  listBySubject(subject: string): Promise<ConsentRecord[]>;
  /**
   * Moves the consent from one of `change.from` to `change.to` when its conditions hold (and, when leaving
   * AwaitingAuthorisation, before its authorisation deadline; when leaving Authorised for anything but Expired, before
   * its expiry) and resolves the updated record; undefined otherwise. One atomic statement, so a consent changes once.
   */
  transition(consentId: string, change: ConsentTransition, now: Date): Promise<ConsentRecord | undefined>;
  /**
   * Ends what time has ended: AwaitingAuthorisation past its authorisation deadline → Rejected, Authorised past its
   * expiry → Expired. Resolves the number of consents changed.
   */
  expireDue(now: Date): Promise<number>;
  /** Deletes consents that ended (Rejected, Revoked, Expired, Consumed) before `before`; resolves the count. */
  deleteEndedBefore(before: Date): Promise<number>;
}

