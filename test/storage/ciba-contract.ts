import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { NewBackchannelRequest, Storage } from '../../src/storage/ports.js';
import { useTwoStorages, type NewStorageTarget } from './storage-targets.js';

const NOW = new Date('2030-01-01T00:00:00.000Z');
const at = (offsetMs: number): Date => new Date(NOW.getTime() + offsetMs);
const EXPIRES = 120_000;

const request = (overrides: Partial<NewBackchannelRequest> = {}): NewBackchannelRequest => ({
  requestHash: randomUUID(),
  clientId: 'client-a',
  subject: 'psu-alice',
  scope: 'openid accounts',
  deliveryMode: 'poll',
  createdAt: NOW,
  expiresAt: at(EXPIRES),
  intervalSeconds: 5,
  ...overrides,
});

const pingRequest = (overrides: Partial<NewBackchannelRequest> = {}): NewBackchannelRequest =>
  request({ deliveryMode: 'ping', ping: { authReqId: `id-${randomUUID()}`, clientNotificationToken: `token-${randomUUID()}` }, ...overrides });

/** The backchannel request repository (ciba-ports.ts), run once per adapter against a real database, two instances on it. */
export function backchannelRequestStorageContract(newTarget: NewStorageTarget): void {
  let storage: Storage;
  let second: Storage;

  useTwoStorages(newTarget, (opened) => ({ storage, second } = opened));

  const stored = async (overrides: Partial<NewBackchannelRequest> = {}) => {
    const created = request(overrides);
    await storage.backchannelRequests.insert(created);
    return created;
  };
  const across = <T>(count: number, run: (s: Storage, i: number) => Promise<T>) =>
    Promise.all(Array.from({ length: count }, (_, i) => run(i % 2 === 0 ? storage : second, i)));

  it('round-trips a poll request without inventing optional fields, and a ping request with its ping', async () => {
    const plain = await stored();
    expect(await second.backchannelRequests.find(plain.requestHash)).toStrictEqual({ ...plain, status: 'pending' });
    const full = pingRequest({ acr: 'urn:openbanking:psd2:sca', bindingMessage: 'Pay 10 EUR, ref W4K2', intentId: 'obc-1' });
    await storage.backchannelRequests.insert(full);
    expect(await second.backchannelRequests.find(full.requestHash)).toStrictEqual({ ...full, status: 'pending' });
    expect(await storage.backchannelRequests.find('unknown')).toBeUndefined();
  });

  it('refuses ping data on a poll request, and half of it on a ping request (schema checks)', async () => {
    const ping = { authReqId: 'a', clientNotificationToken: 't' };
    await expect(storage.backchannelRequests.insert(request({ ping }))).rejects.toThrow();
    await expect(storage.backchannelRequests.insert(request({ deliveryMode: 'ping', ping: { ...ping, clientNotificationToken: null as unknown as string } }))).rejects.toThrow();
  });

  it('records polls of its own client only; the first is never too fast', async () => {
    const { requestHash } = await stored();
    expect(await storage.backchannelRequests.poll(requestHash, 'client-b', NOW)).toBeUndefined();
    expect(await storage.backchannelRequests.poll('unknown', 'client-a', NOW)).toBeUndefined();
    const first = await second.backchannelRequests.poll(requestHash, 'client-a', NOW);
    expect(first).toMatchObject({ tooFast: false, request: { lastPolledAt: NOW, intervalSeconds: 5, status: 'pending' } });
  });

  it('tells a poll sooner than the interval after the previous one, and adds 5 s to the interval each time', async () => {
    const { requestHash } = await stored();
    const poll = (when: Date, s = storage) => s.backchannelRequests.poll(requestHash, 'client-a', when);
    expect((await poll(at(0)))?.tooFast).toBe(false);
    expect(await poll(at(4_999), second)).toMatchObject({ tooFast: true, request: { intervalSeconds: 10, lastPolledAt: at(4_999) } });
    expect(await poll(at(4_999 + 9_999))).toMatchObject({ tooFast: true, request: { intervalSeconds: 15 } });
    expect(await poll(at(4_999 + 9_999 + 15_000), second)).toMatchObject({ tooFast: false, request: { intervalSeconds: 15 } });
    expect(await poll(at(4_999 + 9_999 + 30_000))).toMatchObject({ tooFast: false, request: { intervalSeconds: 15 } });
  });

  it('of 10 polls at the same instant across two instances, each sees the one before: 9 are too fast', async () => {
    const { requestHash } = await stored();
    const polls = await across(10, (s) => s.backchannelRequests.poll(requestHash, 'client-a', NOW));
    expect(polls.filter((poll) => poll?.tooFast === false)).toHaveLength(1);
    expect((await storage.backchannelRequests.find(requestHash))?.intervalSeconds).toBe(5 + 9 * 5);
  });

  it('never slows down polls of a request that is no longer pending', async () => {
    const { requestHash } = await stored();
    await storage.backchannelRequests.poll(requestHash, 'client-a', NOW);
    await storage.backchannelRequests.approve(requestHash, 'psu-alice', 'grant-1', at(1));
    expect(await second.backchannelRequests.poll(requestHash, 'client-a', at(2))).toMatchObject({ tooFast: false, request: { intervalSeconds: 5, status: 'approved' } });
  });

  it('is approved only by its PSU, only while pending, only before it expires, once', async () => {
    const { requestHash } = await stored();
    expect(await storage.backchannelRequests.approve(requestHash, 'psu-bob', 'grant-x', NOW)).toBeUndefined();
    expect(await storage.backchannelRequests.approve(requestHash, 'psu-alice', 'grant-x', at(EXPIRES))).toBeUndefined();
    const approved = await second.backchannelRequests.approve(requestHash, 'psu-alice', 'grant-1', at(EXPIRES - 1));
    expect(approved).toMatchObject({ status: 'approved', grantId: 'grant-1', decidedAt: at(EXPIRES - 1) });
    expect(await storage.backchannelRequests.approve(requestHash, 'psu-alice', 'grant-2', at(EXPIRES - 1))).toBeUndefined();
    expect(await storage.backchannelRequests.deny(requestHash, 'psu-alice', at(EXPIRES - 1))).toBeUndefined();
    expect((await storage.backchannelRequests.find(requestHash))?.grantId).toBe('grant-1');
  });

  it('is denied only by its PSU, only while pending, only before it expires, and then never claimed', async () => {
    const { requestHash } = await stored();
    expect(await storage.backchannelRequests.deny(requestHash, 'psu-bob', NOW)).toBeUndefined();
    expect(await storage.backchannelRequests.deny(requestHash, 'psu-alice', at(EXPIRES + 1))).toBeUndefined();
    expect(await second.backchannelRequests.deny(requestHash, 'psu-alice', NOW)).toMatchObject({ status: 'denied', decidedAt: NOW });
    expect((await storage.backchannelRequests.find(requestHash))?.grantId).toBeUndefined();
    expect(await storage.backchannelRequests.approve(requestHash, 'psu-alice', 'grant-1', NOW)).toBeUndefined();
    expect(await storage.backchannelRequests.claim(requestHash, 'client-a', NOW)).toBeUndefined();
  });

  it('of 20 parallel approvals and denials across two instances, exactly one decides', async () => {
    const { requestHash } = await stored();
    const outcomes = await across(20, (s, i) =>
      i % 4 < 2 ? s.backchannelRequests.approve(requestHash, 'psu-alice', `grant-${i}`, NOW) : s.backchannelRequests.deny(requestHash, 'psu-alice', NOW),
    );
    const winners = outcomes.filter((outcome) => outcome !== undefined);
    expect(winners).toHaveLength(1);
    const final = await storage.backchannelRequests.find(requestHash);
    expect(final?.status).toBe(winners[0]?.status);
    expect(final?.grantId).toBe(winners[0]?.grantId);
  });

  it('of approvals racing the expiry instant, only those before it approve', async () => {
    const requests = await Promise.all(Array.from({ length: 10 }, () => stored()));
    const outcomes = await Promise.all(
      requests.map(({ requestHash }, i) => (i % 2 === 0 ? storage : second).backchannelRequests.approve(requestHash, 'psu-alice', `grant-${i}`, at(EXPIRES - 1 + (i % 2)))),
    );
    expect(outcomes.map((outcome) => outcome?.status)).toEqual(requests.map((_, i) => (i % 2 === 0 ? 'approved' : undefined)));
  });

  it('is claimed once, by its client, only when approved and unexpired', async () => {
    const { requestHash } = await stored();
    expect(await storage.backchannelRequests.claim(requestHash, 'client-a', NOW)).toBeUndefined();
    await storage.backchannelRequests.approve(requestHash, 'psu-alice', 'grant-1', NOW);
    expect(await storage.backchannelRequests.claim(requestHash, 'client-b', NOW)).toBeUndefined();
    expect(await storage.backchannelRequests.claim(requestHash, 'client-a', at(EXPIRES))).toBeUndefined();
    expect(await second.backchannelRequests.claim(requestHash, 'client-a', at(1_000))).toMatchObject({ status: 'issued', grantId: 'grant-1', issuedAt: at(1_000) });
    expect(await storage.backchannelRequests.claim(requestHash, 'client-a', at(2_000))).toBeUndefined();
  });

  it('of 20 parallel claims across two instances, exactly one wins', async () => {
    const { requestHash } = await stored();
    await storage.backchannelRequests.approve(requestHash, 'psu-alice', 'grant-1', NOW);
    const claims = await across(20, (s) => s.backchannelRequests.claim(requestHash, 'client-a', at(1)));
    expect(claims.filter((claim) => claim !== undefined)).toHaveLength(1);
    expect((await storage.backchannelRequests.find(requestHash))?.status).toBe('issued');
  });

  it('hands the ping over with the decision, then forgets it', async () => {
    const created = pingRequest();
    await storage.backchannelRequests.insert(created);
    const decided = await storage.backchannelRequests.deny(created.requestHash, 'psu-alice', NOW);
    expect(decided?.ping).toStrictEqual(created.ping);
    await second.backchannelRequests.forgetPing(created.requestHash);
    const after = await storage.backchannelRequests.find(created.requestHash);
    expect(after?.ping).toBeUndefined();
    expect(after).toMatchObject({ deliveryMode: 'ping', status: 'denied' });
  });

  it('lists the pending, unexpired requests of one PSU, newest first', async () => {
    const subject = `psu-${randomUUID()}`;
    const older = await stored({ subject, createdAt: at(-2_000) });
    const newer = await stored({ subject, createdAt: at(-1_000), bindingMessage: 'newer' });
    const expired = await stored({ subject, expiresAt: at(10) });
    const decided = await stored({ subject });
    await stored({ subject: `psu-${randomUUID()}` });
    await storage.backchannelRequests.deny(decided.requestHash, subject, NOW);
    const pending = await second.backchannelRequests.listPending(subject, at(10));
    expect(pending.map((each) => each.requestHash)).toEqual([newer.requestHash, older.requestHash]);
    expect(pending.map((each) => each.requestHash)).not.toContain(expired.requestHash);
    expect(pending[0]?.bindingMessage).toBe('newer');
  });

  it('deletes the requests that expired before the given time, whatever their status', async () => {
    const gone = await stored({ expiresAt: at(-10_000) });
    const goneApproved = await stored({ expiresAt: at(-10_000) });
    await storage.backchannelRequests.approve(goneApproved.requestHash, 'psu-alice', 'grant-1', at(-20_000));
    const kept = await stored({ expiresAt: at(10_000) });
    expect(await storage.backchannelRequests.deleteExpired(NOW)).toBeGreaterThanOrEqual(2);
    expect(await storage.backchannelRequests.find(gone.requestHash)).toBeUndefined();
    expect(await storage.backchannelRequests.find(goneApproved.requestHash)).toBeUndefined();
    expect(await storage.backchannelRequests.find(kept.requestHash)).toBeDefined();
  });

  it('takes part in transactions: an approval rolls back with the unit of work', async () => {
    const { requestHash } = await stored();
    await expect(
      storage.withTransaction(async (repositories) => {
        expect(await repositories.backchannelRequests.approve(requestHash, 'psu-alice', 'grant-1', NOW)).toBeDefined();
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect((await storage.backchannelRequests.find(requestHash))?.status).toBe('pending');
  });
}
