import { describe, expect, it } from 'vitest';
import { countConsentChanges } from '../../src/app/consent-change-counter.ts';
import { createObasMetrics } from '../../src/metrics/obas-metrics.ts';
import type { ConsentRecord, ConsentRepository, Storage } from '../../src/storage/ports.ts';

const consent = { consentId: 'obc-1', status: 'AwaitingAuthorisation' } as ConsentRecord;

/** Consents whose every change succeeds; a storage whose transaction runs its work (and rejects when the work does). */
function fakeStorage(): Storage {
  const consents = {
    insert: async () => undefined,
    transition: async () => ({ ...consent, status: 'Authorised' }),
    expireDue: async () => 2,
  } as unknown as ConsentRepository;
  return { consents, withTransaction: (work: (repositories: unknown) => Promise<unknown>) => work({ consents }) } as unknown as Storage;
}

describe('consent status change counter', () => {
  const counts = async (metrics: ReturnType<typeof createObasMetrics>) =>
    Object.fromEntries((await metrics.consentStatusChanges.get()).values.map(({ labels, value }) => [String(labels.status), value]));

  it('counts inserts, transitions and the sweep, and a transaction only once it committed', async () => {
    const metrics = createObasMetrics();
    const storage = countConsentChanges(fakeStorage(), metrics);
    await storage.consents.insert(consent);
    await storage.consents.expireDue(new Date());
    await storage.withTransaction(async ({ consents }) => consents.transition('obc-1', { from: ['AwaitingAuthorisation'], to: 'Authorised' }, new Date()));
    const rolledBack = storage.withTransaction(async ({ consents }) => {
      await consents.transition('obc-1', { from: ['Authorised'], to: 'Revoked' }, new Date());
      throw new Error('rolled back');
    });
    await expect(rolledBack).rejects.toThrow('rolled back');
    expect(await counts(metrics)).toEqual({ AwaitingAuthorisation: 1, ended_by_time: 2, Authorised: 1 });
  });
});
