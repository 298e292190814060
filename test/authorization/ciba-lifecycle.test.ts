import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  approveBackchannelRequest,
  checkBackchannelPoll,
  denyBackchannelRequest,
  redeemBackchannelRequest,
  startBackchannelRequest,
  type BackchannelDecisionContext,
  type BackchannelRequestDraft,
} from '../../src/authorization/ciba-lifecycle.js';
import { OAuthError } from '../../src/errors/oauth-error.js';
import type { BackchannelPing, BackchannelRequestRecord, ConsentRecord, Storage } from '../../src/storage/ports.js';
import { hashToken } from '../../src/tokens/token-hash.js';
import { postgresAvailable } from '../support/postgres.js';
import { useTwoStorages, newPostgresTarget, newSqliteTarget } from '../storage/storage-targets.js';

const NOW = new Date('2030-01-01T00:00:00.000Z');
const at = (offsetMs: number): Date => new Date(NOW.getTime() + offsetMs);
const SETTINGS = { defaultExpirySeconds: 120, maxExpirySeconds: 600, intervalSeconds: 5 };
const CONSENT_SECONDS = 90 * 86_400;

/** The OAuth error `work` throws or rejects with. */
async function failure(work: () => unknown): Promise<OAuthError> {
  try {
    await work();
  } catch (error) {
    expect(error).toBeInstanceOf(OAuthError);
    return error as OAuthError;
  }
  throw new Error('expected an OAuthError');
}

describe('checkBackchannelPoll: the token error of each state (CIBA Core §11)', () => {
  const record = (overrides: Partial<BackchannelRequestRecord>): BackchannelRequestRecord => ({
    requestHash: 'h',
    clientId: 'client-a',
    subject: 'psu-alice',
    scope: 'openid accounts',
    deliveryMode: 'poll',
    status: 'pending',
    createdAt: NOW,
    expiresAt: at(60_000),
    intervalSeconds: 10,
    ...overrides,
  });
  const answer = (overrides: Partial<BackchannelRequestRecord>, tooFast = false, now = NOW) =>
    failure(() => checkBackchannelPoll({ request: record(overrides), tooFast }, now));

  it('pending: authorization_pending, or slow_down when too fast, each a 400', async () => {
    expect(await answer({})).toMatchObject({ code: 'authorization_pending', status: 400, reason: 'backchannel_pending' });
    const slow = await answer({}, true);
    expect(slow).toMatchObject({ code: 'slow_down', status: 400, reason: 'backchannel_slow_down' });
    expect(slow.description).toContain('10 seconds');
  });

  it('denied: access_denied with status 400 (not the 403 of other endpoints)', async () => {
    expect(await answer({ status: 'denied' })).toMatchObject({ code: 'access_denied', status: 400, reason: 'backchannel_denied' });
  });

  it('expired (pending, approved or denied, at or after expiresAt): expired_token', async () => {
    for (const status of ['pending', 'approved', 'denied'] as const) {
      expect(await answer({ status }, true, at(60_000))).toMatchObject({ code: 'expired_token', status: 400, reason: 'backchannel_expired' });
    }
  });

  it('issued already: invalid_grant, expired or not', async () => {
    expect(await answer({ status: 'issued', grantId: 'g' })).toMatchObject({ code: 'invalid_grant', reason: 'auth_req_id_used' });
    expect(await answer({ status: 'issued', grantId: 'g' }, false, at(120_000))).toMatchObject({ code: 'invalid_grant' });
  });

  it('approved and unexpired: no error, even when polled too fast', () => {
    expect(() => checkBackchannelPoll({ request: record({ status: 'approved', grantId: 'g' }), tooFast: true }, at(59_999))).not.toThrow();
  });
});

const targets = [
  { name: 'SQLite', newTarget: newSqliteTarget, skip: false },
  { name: 'PostgreSQL', newTarget: newPostgresTarget, skip: !postgresAvailable },
];

describe.each(targets)('the CIBA lifecycle over $name', ({ newTarget, skip }) => {
  let storage: Storage;
  let second: Storage;
  if (!skip) useTwoStorages(newTarget, (opened) => ({ storage, second } = opened));

  const pings: [BackchannelRequestRecord, BackchannelPing][] = [];
  const context = (s: Storage = storage): BackchannelDecisionContext => ({
    storage: s,
    consentSeconds: CONSENT_SECONDS,
    notify: (request, ping) => pings.push([request, ping]),
  });
  const approval = (subject = 'psu-alice') => ({ subject, accounts: ['acc-1'], authTime: at(-30_000) });

  const draft = (overrides: Partial<BackchannelRequestDraft> = {}): BackchannelRequestDraft => ({
    clientId: 'client-a',
    subject: 'psu-alice',
    scope: 'openid accounts',
    acr: 'urn:openbanking:psd2:sca',
    bindingMessage: 'W4K2',
    deliveryMode: 'poll',
    ...overrides,
  });
  const start = async (overrides: Partial<BackchannelRequestDraft> = {}) => {
    const acknowledgement = await startBackchannelRequest(storage.backchannelRequests, draft(overrides), SETTINGS, NOW);
    return { ...acknowledgement, requestHash: hashToken(acknowledgement.auth_req_id) };
  };
  const stagedConsent = async (overrides: Partial<ConsentRecord> = {}): Promise<string> => {
    const consentId = `obc-${randomUUID()}`;
    await storage.consents.insert({
      consentId,
      clientId: 'client-a',
      kind: 'account-access',
      apiVersion: 'v4.0',
      status: 'AwaitingAuthorisation',
      details: { Data: { Permissions: ['ReadAccountsBasic'] } },
      createdAt: NOW,
      statusUpdatedAt: NOW,
      authorisationExpiresAt: at(600_000),
      ...overrides,
    });
    return consentId;
  };

  it.skipIf(skip)('acknowledges a request with a 256-bit auth_req_id stored only as its SHA-256, and a bounded expires_in', async () => {
    const ack = await startBackchannelRequest(storage.backchannelRequests, draft({ requestedExpiry: 30 }), SETTINGS, NOW);
    expect(ack.auth_req_id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(ack).toMatchObject({ expires_in: 30, interval: 5 });
    const stored = await storage.backchannelRequests.find(hashToken(ack.auth_req_id));
    expect(stored).toStrictEqual({
      requestHash: hashToken(ack.auth_req_id),
      clientId: 'client-a',
      subject: 'psu-alice',
      scope: 'openid accounts',
      acr: 'urn:openbanking:psd2:sca',
      bindingMessage: 'W4K2',
      deliveryMode: 'poll',
      status: 'pending',
      createdAt: NOW,
      expiresAt: at(30_000),
      intervalSeconds: 5,
    });
    expect((await startBackchannelRequest(storage.backchannelRequests, draft({ requestedExpiry: 86_400 }), SETTINGS, NOW)).expires_in).toBe(600);
    expect((await startBackchannelRequest(storage.backchannelRequests, draft(), SETTINGS, NOW)).expires_in).toBe(120);
    expect(await failure(() => startBackchannelRequest(storage.backchannelRequests, draft({ deliveryMode: 'ping' }), SETTINGS, NOW))).toMatchObject({
      code: 'invalid_request',
      reason: 'parameter_missing',
    });
  });

  it.skipIf(skip)('answers polls: unknown or another client’s → invalid_grant, pending, too fast, then the tokens once', async () => {
    const { auth_req_id: id, requestHash } = await start();
    const redeem = (now: Date, clientId = 'client-a', authReqId = id, s = storage) => redeemBackchannelRequest(s.backchannelRequests, authReqId, clientId, now);
    expect(await failure(() => redeem(NOW, 'client-a', 'not-an-id'))).toMatchObject({ code: 'invalid_grant', reason: 'auth_req_id_invalid' });
    expect(await failure(() => redeem(NOW, 'client-b'))).toMatchObject({ code: 'invalid_grant', reason: 'auth_req_id_invalid' });
    expect(await failure(() => redeem(at(0)))).toMatchObject({ code: 'authorization_pending' });
    expect(await failure(() => redeem(at(1_000), 'client-a', id, second))).toMatchObject({ code: 'slow_down' });
    expect(await failure(() => redeem(at(1_000 + 10_000)))).toMatchObject({ code: 'authorization_pending' });
    const decision = await approveBackchannelRequest(context(), requestHash, approval(), at(12_000));
    expect(decision.outcome).toBe('approved');
    const claimed = await redeem(at(12_001), 'client-a', id, second);
    expect(claimed).toMatchObject({ status: 'issued', grantId: decision.outcome === 'approved' ? decision.request.grantId : 'none' });
    expect(await failure(() => redeem(at(20_000)))).toMatchObject({ code: 'invalid_grant', reason: 'auth_req_id_used' });
  });

  it.skipIf(skip)('of 20 parallel token requests across two instances, exactly one gets the tokens', async () => {
    const { auth_req_id: id, requestHash } = await start();
    await approveBackchannelRequest(context(), requestHash, approval(), NOW);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => redeemBackchannelRequest((i % 2 === 0 ? storage : second).backchannelRequests, id, 'client-a', at(1))),
    );
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') expect(outcome.reason).toMatchObject({ code: 'invalid_grant', reason: 'auth_req_id_used' });
    }
  });

  it.skipIf(skip)('answers expired_token past the expiry and access_denied once denied', async () => {
    const expiring = await start({ requestedExpiry: 10 });
    expect(await failure(() => redeemBackchannelRequest(storage.backchannelRequests, expiring.auth_req_id, 'client-a', at(10_000)))).toMatchObject({ code: 'expired_token' });
    expect(await approveBackchannelRequest(context(), expiring.requestHash, approval(), at(10_000))).toStrictEqual({ outcome: 'finished' });
    const denied = await start();
    expect((await denyBackchannelRequest(context(), denied.requestHash, 'psu-alice', NOW)).outcome).toBe('denied');
    expect(await failure(() => redeemBackchannelRequest(storage.backchannelRequests, denied.auth_req_id, 'client-a', at(1)))).toMatchObject({ code: 'access_denied', status: 400 });
  });

  it.skipIf(skip)('approval without a staged consent records the scope in a new consent and a grant bound to it (STET, FAPI 2.0)', async () => {
    const subject = `psu-${randomUUID()}`;
    const { requestHash } = await start({ subject });
    const decision = await approveBackchannelRequest(context(), requestHash, approval(subject), NOW);
    if (decision.outcome !== 'approved') throw new Error(decision.outcome);
    const grant = await storage.grants.find(decision.request.grantId);
    const [consent] = await storage.consents.listBySubject(subject);
    expect(consent).toMatchObject({ kind: 'authorization', status: 'Authorised', clientId: 'client-a', details: { scope: 'openid accounts' }, accounts: ['acc-1'] });
    expect(grant).toStrictEqual({
      grantId: decision.request.grantId,
      clientId: 'client-a',
      subject,
      scope: 'openid accounts',
      accounts: ['acc-1'],
      intentId: consent?.consentId,
      acr: 'urn:openbanking:psd2:sca',
      authTime: at(-30_000),
      createdAt: NOW,
      expiresAt: at(CONSENT_SECONDS * 1000),
    });
  });

  it.skipIf(skip)('approval of a UK intent authorises that consent with the PSU’s accounts; the grant ends with it', async () => {
    const consentId = await stagedConsent({ expiresAt: at(3_600_000) });
    const { requestHash } = await start({ intentId: consentId });
    const decision = await approveBackchannelRequest(context(), requestHash, approval(), NOW);
    if (decision.outcome !== 'approved') throw new Error(decision.outcome);
    expect(await storage.consents.find(consentId)).toMatchObject({ status: 'Authorised', subject: 'psu-alice', accounts: ['acc-1'] });
    expect(await storage.grants.find(decision.request.grantId)).toMatchObject({ intentId: consentId, expiresAt: at(3_600_000) });
  });

  it.skipIf(skip)('a UK intent that can no longer be authorised denies the request instead (refused)', async () => {
    const consentId = await stagedConsent({ status: 'Revoked' });
    const { auth_req_id: id, requestHash } = await start({ intentId: consentId });
    const decision = await approveBackchannelRequest(context(), requestHash, approval(), NOW);
    expect(decision).toMatchObject({ outcome: 'refused', request: { status: 'denied' } });
    expect((await storage.backchannelRequests.find(requestHash))?.grantId).toBeUndefined();
    expect(await failure(() => redeemBackchannelRequest(storage.backchannelRequests, id, 'client-a', at(1)))).toMatchObject({ code: 'access_denied' });
  });

  it.skipIf(skip)('denial rejects the staged consent; another PSU’s decision changes nothing', async () => {
    const consentId = await stagedConsent();
    const { requestHash } = await start({ intentId: consentId });
    expect(await denyBackchannelRequest(context(), requestHash, 'psu-bob', NOW)).toStrictEqual({ outcome: 'finished' });
    expect(await approveBackchannelRequest(context(), requestHash, approval('psu-bob'), NOW)).toStrictEqual({ outcome: 'finished' });
    expect((await storage.consents.find(consentId))?.status).toBe('AwaitingAuthorisation');
    expect((await denyBackchannelRequest(context(), requestHash, 'psu-alice', NOW)).outcome).toBe('denied');
    expect(await storage.consents.find(consentId)).toMatchObject({ status: 'Rejected', statusReason: 'psu_denied' });
  });

  it.skipIf(skip)('a ping client’s decision is notified once with its auth_req_id and token, which storage then forgets', async () => {
    pings.length = 0;
    const approved = await start({ deliveryMode: 'ping', clientNotificationToken: 'client-token-1' });
    const denied = await start({ deliveryMode: 'ping', clientNotificationToken: 'client-token-2' });
    const polled = await start();
    const decision = await approveBackchannelRequest(context(), approved.requestHash, approval(), NOW);
    await denyBackchannelRequest(context(), denied.requestHash, 'psu-alice', NOW);
    await approveBackchannelRequest(context(), polled.requestHash, approval(), NOW);
    await approveBackchannelRequest(context(), approved.requestHash, approval(), NOW);
    expect(pings.map(([request, ping]) => [request.requestHash, request.ping, ping])).toEqual([
      [approved.requestHash, undefined, { authReqId: approved.auth_req_id, clientNotificationToken: 'client-token-1' }],
      [denied.requestHash, undefined, { authReqId: denied.auth_req_id, clientNotificationToken: 'client-token-2' }],
    ]);
    expect(decision).toMatchObject({ outcome: 'approved' });
    expect(decision.outcome === 'finished' ? undefined : decision.request.ping).toBeUndefined();
    expect((await storage.backchannelRequests.find(approved.requestHash))?.ping).toBeUndefined();
    expect((await storage.backchannelRequests.find(denied.requestHash))?.ping).toBeUndefined();
  });

  it.skipIf(skip)('of 10 parallel approvals and denials across two instances, one decides and only its writes remain', async () => {
    const subject = `psu-${randomUUID()}`;
    const consentId = await stagedConsent();
    const { requestHash } = await start({ subject, intentId: consentId });
    const unstaged = await start({ subject });
    const decisions = await Promise.all(
      Array.from({ length: 10 }, (_, i) => {
        const on = context(i % 2 === 0 ? storage : second);
        return i % 3 === 0 ? denyBackchannelRequest(on, requestHash, subject, NOW) : approveBackchannelRequest(on, requestHash, approval(subject), NOW);
      }),
    );
    const winners = decisions.filter((decision) => decision.outcome !== 'finished');
    expect(winners).toHaveLength(1);
    const status = (await storage.consents.find(consentId))?.status;
    expect(status).toBe(winners[0]?.outcome === 'approved' ? 'Authorised' : 'Rejected');

    const approvals = await Promise.all(
      Array.from({ length: 10 }, (_, i) => approveBackchannelRequest(context(i % 2 === 0 ? storage : second), unstaged.requestHash, approval(subject), NOW)),
    );
    expect(approvals.filter((decision) => decision.outcome === 'approved')).toHaveLength(1);
    expect((await storage.consents.listBySubject(subject)).filter((consent) => consent.kind === 'authorization')).toHaveLength(1);
  });
});
