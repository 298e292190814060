import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ConsentRecord, Storage } from '../../src/storage/ports.js';
import { storeGrantAccessToken } from './access-token-activity.js';
import { useTwoStorages, type NewStorageTarget } from './storage-targets.js';

const NOW = new Date('2030-01-01T00:00:00.000Z');
const at = (offsetMs: number): Date => new Date(NOW.getTime() + offsetMs);
const both = <T>(storage: Storage, second: Storage, count: number, run: (s: Storage) => Promise<T>) =>
  Promise.all(Array.from({ length: count }, (_, i) => run(i % 2 === 0 ? storage : second)));

const consent = (overrides: Partial<ConsentRecord> = {}): ConsentRecord => ({
  consentId: `obc-${randomUUID()}`,
  clientId: 'client-a',
  kind: 'account-access',
  apiVersion: 'v3.1',
  status: 'AwaitingAuthorisation',
  details: { Data: { Permissions: ['ReadAccountsBasic'] }, Risk: {} },
  createdAt: NOW,
  statusUpdatedAt: NOW,
  expiresAt: at(86_400_000),
  authorisationExpiresAt: at(600_000),
  ...overrides,
});

const AUTHORISE = { from: ['AwaitingAuthorisation'] as const, to: 'Authorised' as const, clientId: 'client-a', decision: { subject: 'psu-alice', accounts: ['acc-1'] } };

/** The consent repository and the transaction port (ports.ts), run once per adapter against a real database. */
export function consentStorageContract(newTarget: NewStorageTarget): void {
  let storage: Storage;
  let second: Storage;

  useTwoStorages(newTarget, (opened) => ({ storage, second } = opened));

  it('round-trips a consent', async () => {
    const record = consent({ statusReason: 'psu_denied', subject: 'psu-alice', accounts: ['acc-1'], idempotencyKey: 'k', requestHash: 'h' });
    await storage.consents.insert(record);
    expect(await second.consents.find(record.consentId)).toStrictEqual(record);
    expect(await storage.consents.find('obc-unknown')).toBeUndefined();
  });

  it('changes status once across two instances, only for its client, within its authorisation window', async () => {
    const record = consent();
    await storage.consents.insert(record);
    expect(await storage.consents.transition(record.consentId, { ...AUTHORISE, clientId: 'client-b' }, NOW)).toBeUndefined();
    expect(await storage.consents.transition(record.consentId, AUTHORISE, at(600_000))).toBeUndefined();
    const results = await both(storage, second, 20, (s) => s.consents.transition(record.consentId, AUTHORISE, at(1)));
    const winners = results.filter((result) => result !== undefined);
    expect(winners).toHaveLength(1);
    expect(winners[0]).toStrictEqual({ ...record, status: 'Authorised', statusUpdatedAt: at(1), subject: 'psu-alice', accounts: ['acc-1'] });
  });

  it('gives an authorised consent without expiry the one the authorisation sets, and keeps one the TPP set', async () => {
    const open = consent();
    delete (open as { expiresAt?: Date }).expiresAt;
    const fixed = consent();
    for (const record of [open, fixed]) await storage.consents.insert(record);
    const change = { ...AUTHORISE, expiresAtUnlessSet: at(5000) };
    expect((await storage.consents.transition(open.consentId, change, at(1)))?.expiresAt).toStrictEqual(at(5000));
    expect((await second.consents.transition(fixed.consentId, change, at(1)))?.expiresAt).toStrictEqual(fixed.expiresAt);
  });

  it('revokes only for the PSU who authorised it, and never an expired consent', async () => {
    const record = consent({ status: 'Authorised', subject: 'psu-alice', expiresAt: at(1000) });
    await storage.consents.insert(record);
    const revoke = { from: ['Authorised'] as const, to: 'Revoked' as const, reason: 'consent_revoked_by_psu' };
    expect(await storage.consents.transition(record.consentId, { ...revoke, subject: 'psu-bruno' }, NOW)).toBeUndefined();
    expect(await storage.consents.transition(record.consentId, { ...revoke, subject: 'psu-alice' }, at(1000))).toBeUndefined();
    const revoked = await second.consents.transition(record.consentId, { ...revoke, subject: 'psu-alice' }, at(1));
    expect(revoked).toMatchObject({ status: 'Revoked', statusReason: 'consent_revoked_by_psu', statusUpdatedAt: at(1) });
  });

  it('answers one consent to parallel creations with one idempotency key, and frees the key after the window', async () => {
    const key = `key-${randomUUID()}`;
    const results = await both(storage, second, 10, (s) => s.consents.insertIdempotent({ ...consent(), idempotencyKey: key, requestHash: 'h1' }, at(-1000)));
    expect(new Set(results.map((result) => result.consentId)).size).toBe(1);
    const other = await storage.consents.insertIdempotent({ ...consent({ clientId: 'client-b' }), idempotencyKey: key }, at(-1000));
    expect(other.clientId).toBe('client-b');
    const later = consent({ createdAt: at(100_000) });
    expect((await storage.consents.insertIdempotent({ ...later, idempotencyKey: key }, at(50_000))).consentId).toBe(later.consentId);
    expect((await storage.consents.find(results[0]?.consentId ?? '')))?.not.toHaveProperty('idempotencyKey');
  });

  it('ends what time has ended and deletes ended consents past retention', async () => {
    const waiting = consent({ authorisationExpiresAt: at(10) });
    const authorised = consent({ status: 'Authorised', subject: 'psu-chloe', expiresAt: at(10) });
    const live = consent({ status: 'Authorised', subject: 'psu-chloe', expiresAt: at(100_000) });
    for (const record of [waiting, authorised, live]) await storage.consents.insert(record);
    expect(await second.consents.expireDue(at(10))).toBeGreaterThanOrEqual(2);
    expect(await storage.consents.find(waiting.consentId)).toMatchObject({ status: 'Rejected', statusReason: 'authorisation_window_passed' });
    expect(await storage.consents.find(authorised.consentId)).toMatchObject({ status: 'Expired', statusReason: 'consent_expired' });
    expect((await storage.consents.find(live.consentId))?.status).toBe('Authorised');
    expect((await storage.consents.listBySubject('psu-chloe')).map((record) => record.consentId).sort()).toStrictEqual([authorised.consentId, live.consentId].sort());
    await storage.consents.deleteEndedBefore(at(11));
    expect(await storage.consents.find(authorised.consentId)).toBeUndefined();
    expect(await storage.consents.find(live.consentId)).toBeDefined();
  });

  it('revokes every grant of a consent, which deactivates its tokens', async () => {
    const consentId = `obc-${randomUUID()}`;
    const grantId = randomUUID();
    await storage.grants.insert({ grantId, clientId: 'client-a', subject: 'psu-alice', scope: 'accounts', accounts: [], intentId: consentId, authTime: NOW, createdAt: NOW, expiresAt: at(86_400_000) });
    const access = await storeGrantAccessToken(storage, 'client-a', grantId, NOW);
    const refreshTokenHash = randomUUID();
    await storage.refreshTokens.insert({ tokenHash: refreshTokenHash, grantId, clientId: 'client-a', scope: 'accounts', issuedAt: NOW, expiresAt: at(86_400_000) });
    expect(await access.isActive(second, at(4))).toBe(true);
    expect(await second.grants.revokeAllOfConsent(consentId, at(5))).toBe(1);
    expect((await storage.grants.find(grantId))?.revokedAt).toStrictEqual(at(5));
    expect(await access.isActive(storage, at(6))).toBe(false);
    expect((await storage.refreshTokens.findByHash(refreshTokenHash))?.revokedAt).toStrictEqual(at(5));
  });

  describe('transaction port', () => {
    it('commits every write of the unit of work together', async () => {
      const record = consent();
      const grantId = randomUUID();
      await storage.withTransaction(async (tx) => {
        await tx.consents.insert(record);
        await tx.grants.insert({ grantId, clientId: 'client-a', subject: 'psu-alice', scope: 'accounts', accounts: [], intentId: record.consentId, authTime: NOW, createdAt: NOW, expiresAt: at(1000) });
      });
      expect(await second.consents.find(record.consentId)).toBeDefined();
      expect(await second.grants.find(grantId)).toBeDefined();
    });

    it('rolls every write back when the unit of work fails, and loses no write made beside it', async () => {
      const record = consent();
      const claim = randomUUID();
      const failing = storage.withTransaction(async (tx) => {
        await tx.consents.insert(record);
        const beside = storage.replayCache.claimOnce('test', claim, at(60_000), NOW);
        await new Promise((resolve) => setTimeout(resolve, 20));
        await tx.consents.transition(record.consentId, AUTHORISE, at(1));
        void beside;
        throw new Error('half-way');
      });
      await expect(failing).rejects.toThrow('half-way');
      expect(await second.consents.find(record.consentId)).toBeUndefined();
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(await second.replayCache.claimOnce('test', claim, at(60_000), NOW)).toBe(false);
    });
  });
}
