import type { ObasMetrics } from '../metrics/obas-metrics.js';
import type { ConsentRepository, Storage } from '../storage/ports.js';

type CountChange = (status: string, count?: number) => void;

/**
 * `storage` whose consent status changes are counted in `obas_consent_status_changes_total{status}`: every insert and
 * successful transition, whoever makes it (consent API, approval, dashboard, resource servers), and the consents the
 * sweep ends as `ended_by_time`. Changes inside {@link Storage.withTransaction} count only once it committed.
 * `storage` must be a plain object (as the adapters return): it is copied with the consents wrapped.
 */
export function countConsentChanges(storage: Storage, metrics: Pick<ObasMetrics, 'consentStatusChanges'>): Storage {
  const count: CountChange = (status, changes = 1) => metrics.consentStatusChanges.inc({ status }, changes);
  return {
    ...storage,
    consents: countedConsents(storage.consents, count),
    withTransaction: async (work) => {
      const committed: [string, number | undefined][] = [];
      const result = await storage.withTransaction((repositories) =>
        work({ ...repositories, consents: countedConsents(repositories.consents, (status, changes) => committed.push([status, changes])) }),
      );
      for (const [status, changes] of committed) count(status, changes);
      return result;
    },
  };
}

function countedConsents(consents: ConsentRepository, count: CountChange): ConsentRepository {
  return {
    async insert(consent) {
      await consents.insert(consent);
      count(consent.status);
    },
    async insertIdempotent(consent, since) {
      const stored = await consents.insertIdempotent(consent, since);
      if (stored.consentId === consent.consentId) count(stored.status);
      return stored;
    },
    find: (consentId) => consents.find(consentId),
    listBySubject: (subject) => consents.listBySubject(subject),
    async transition(consentId, change, now) {
      const changed = await consents.transition(consentId, change, now);
      if (changed !== undefined) count(change.to);
      return changed;
    },
    async expireDue(now) {
      const ended = await consents.expireDue(now);
      if (ended > 0) count('ended_by_time', ended);
      return ended;
    },
    deleteEndedBefore: (before) => consents.deleteEndedBefore(before),
  };
}
