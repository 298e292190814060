import { createHash, randomUUID } from 'node:crypto';
import { OAuthError } from '../errors/oauth-error.js';
import type { ReasonKey } from '../errors/reason-catalogue.js';
import type { ConsentKind, ConsentRecord, ConsentStatus, Storage, UkApiVersion } from '../storage/ports.js';

/** What a TPP asks for when it stages a consent (already validated by the API that received it). */
export interface ConsentDraft {
  readonly clientId: string;
  readonly kind: ConsentKind;
  readonly apiVersion?: UkApiVersion;
  /** The content to keep and show (UK: `{ Data, Risk }` as received, without ids and statuses). */
  readonly details: Readonly<Record<string, unknown>>;
  readonly expiresAt?: Date;
  /** `x-idempotency-key` and the request body it came with (payment consents). */
  readonly idempotency?: { readonly key: string; readonly body: string };
}

/** The outcome of {@link ConsentLifecycle.create}: the consent, and whether it was an idempotent replay. */
export interface CreatedConsent {
  readonly consent: ConsentRecord;
  readonly replayed: boolean;
}

/** Who ends a consent early. */
export type Revoker = 'tpp' | 'psu' | 'operator';

/**
 * The one home of consents (DESIGN.md `consent/`): every status change of a consent goes through here, whether the UK
 * consent API, the authorization pages, the PSU dashboard, the grants, introspection or an operator asks for it.
 * Statuses: AwaitingAuthorisation → Authorised | Rejected; Authorised → Revoked | Expired | Consumed (payments);
 * AwaitingAuthorisation → Revoked (the TPP deletes it before the PSU decided). Ending a consent revokes every grant
 * (and so every token) bound to it in the same transaction.
 */
export interface ConsentLifecycle {
  /**
   * Stages a consent, AwaitingAuthorisation until `authorisationSeconds` from now. With an idempotency key: the same
   * key and body within the window answer the consent created first (`replayed`); the same key with another body is
   * refused (`idempotency_key_reused`).
   */
  create(draft: ConsentDraft, now: Date): Promise<CreatedConsent>;
  find(consentId: string): Promise<ConsentRecord | undefined>;
  /**
   * The consent, when it is `clientId`'s: unknown → 400 `consent_unknown`, another client's → 403. A consent whose time
   * is up is first marked so (Rejected past its authorisation window, Expired past its expiry).
   */
  findOwned(consentId: string, clientId: string, now: Date): Promise<ConsentRecord>;
  /**
   * Ends the consent (Revoked) and revokes its grants and tokens at once. `tpp`: the owning client (DELETE), from
   * AwaitingAuthorisation or Authorised; `psu`: the PSU who authorised it; `operator`: anyone's. Resolves the updated
   * consent; undefined when it was not in a status that can be revoked (or not the caller's).
   */
  revoke(consentId: string, by: { readonly revoker: Revoker; readonly clientId?: string; readonly subject?: string }, now: Date): Promise<ConsentRecord | undefined>;
  /** A resource server used the payment consent: Authorised → Consumed; it mints no new tokens afterwards. */
  consume(consentId: string, now: Date): Promise<ConsentRecord | undefined>;
  /** Every consent the PSU decided, newest first (time-ended ones already marked). */
  listForPsu(subject: string, now: Date): Promise<ConsentRecord[]>;
  /** Marks what time has ended (Rejected past the authorisation window, Expired past the expiry), then deletes ended consents past retention. */
  sweep(now: Date): Promise<{ ended: number; deleted: number }>;
}

/** Settings of {@link createConsentLifecycle}. */
export interface ConsentLifecycleSettings {
  /** How long a staged consent waits for the PSU (the profile's interaction lifetime). */
  readonly authorisationSeconds: number;
  readonly idempotencySeconds: number;
  readonly retentionSeconds: number;
}

/** Whether time has ended the consent (the sweep has not marked it yet). */
function timeIsUp(consent: ConsentRecord, now: Date): boolean {
  if (consent.status === 'AwaitingAuthorisation') return consent.authorisationExpiresAt <= now;
  return consent.status === 'Authorised' && consent.expiresAt !== undefined && consent.expiresAt <= now;
}

const REVOKABLE: Readonly<Record<Revoker, readonly ConsentStatus[]>> = {
  tpp: ['AwaitingAuthorisation', 'Authorised'],
  psu: ['Authorised'],
  operator: ['AwaitingAuthorisation', 'Authorised'],
};

const REVOKE_REASONS: Readonly<Record<Revoker, ReasonKey>> = {
  tpp: 'consent_revoked_by_tpp',
  psu: 'consent_revoked_by_psu',
  operator: 'consent_revoked_by_operator',
};

/** The consent domain over storage. */
export function createConsentLifecycle(storage: Pick<Storage, 'consents' | 'withTransaction'>, settings: ConsentLifecycleSettings): ConsentLifecycle {
  const { consents } = storage;
  const seconds = (now: Date, count: number) => new Date(now.getTime() + count * 1000);

  return {
    async create(draft, now) {
      const idempotency = draft.idempotency;
      const consent: ConsentRecord = {
        consentId: `obc-${randomUUID()}`,
        clientId: draft.clientId,
        kind: draft.kind,
        ...(draft.apiVersion === undefined ? {} : { apiVersion: draft.apiVersion }),
        status: 'AwaitingAuthorisation',
        details: draft.details,
        createdAt: now,
        statusUpdatedAt: now,
        ...(draft.expiresAt === undefined ? {} : { expiresAt: draft.expiresAt }),
        authorisationExpiresAt: seconds(now, settings.authorisationSeconds),
      };
      if (idempotency === undefined) {
        await consents.insert(consent);
        return { consent, replayed: false };
      }
      const requestHash = createHash('sha256').update(idempotency.body).digest('base64url');
      const since = seconds(now, -settings.idempotencySeconds);
      const stored = await consents.insertIdempotent({ ...consent, idempotencyKey: idempotency.key, requestHash }, since);
      if (stored.consentId === consent.consentId) return { consent: stored, replayed: false };
      if (stored.requestHash !== requestHash || stored.kind !== draft.kind || stored.apiVersion !== draft.apiVersion) {
        throw new OAuthError('invalid_request', 'This x-idempotency-key was used with another request body', {
          reason: 'idempotency_key_reused',
          fields: [{ reason: 'idempotency_key_reused', message: 'The x-idempotency-key was used with another request body', path: 'x-idempotency-key' }],
        });
      }
      return { consent: stored, replayed: true };
    },

    find: (consentId) => consents.find(consentId),

    async findOwned(consentId, clientId, now) {
      const found = await consents.find(consentId);
      const consent = found !== undefined && timeIsUp(found, now) && (await consents.expireDue(now)) > 0 ? await consents.find(consentId) : found;
      if (consent === undefined) {
        throw new OAuthError('invalid_request', 'No consent with this ConsentId', {
          reason: 'consent_unknown',
          fields: [{ reason: 'consent_unknown', message: 'No consent with this ConsentId', path: 'ConsentId' }],
        });
      }
      if (consent.clientId !== clientId) {
        throw new OAuthError('access_denied', 'The consent belongs to another client', { reason: 'consent_not_owned', detail: `owner ${consent.clientId}` });
      }
      return consent;
    },

    async revoke(consentId, by, now) {
      return storage.withTransaction(async (repositories) => {
        const revoked = await repositories.consents.transition(
          consentId,
          {
            from: REVOKABLE[by.revoker],
            to: 'Revoked',
            reason: REVOKE_REASONS[by.revoker],
            ...(by.clientId === undefined ? {} : { clientId: by.clientId }),
            ...(by.subject === undefined ? {} : { subject: by.subject }),
          },
          now,
        );
        if (revoked !== undefined) await repositories.grants.revokeAllOfConsent(consentId, now);
        return revoked;
      });
    },

    consume: (consentId, now) =>
      consents.transition(consentId, { from: ['Authorised'], to: 'Consumed', reason: 'consent_consumed_by_resource_server' }, now),

    async listForPsu(subject, now) {
      await consents.expireDue(now);
      return consents.listBySubject(subject);
    },

    async sweep(now) {
      const ended = await consents.expireDue(now);
      const deleted = await consents.deleteEndedBefore(seconds(now, -settings.retentionSeconds));
      return { ended, deleted };
    },
  };
}
