import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type {
  AuthorizationCodeRecord,
  ConsentRecord,
  GrantRecord,
  InteractionRecord,
  RefreshTokenRecord,
  Storage,
} from '../../src/storage/ports.js';
import { storeGrantAccessToken } from './access-token-activity.js';
import { useTwoStorages, type NewStorageTarget } from './storage-targets.js';

const NOW = new Date('2030-01-01T00:00:00.000Z');
const at = (offsetMs: number): Date => new Date(NOW.getTime() + offsetMs);
const both = <T>(storage: Storage, second: Storage, count: number, run: (s: Storage) => Promise<T>) =>
  Promise.all(Array.from({ length: count }, (_, i) => run(i % 2 === 0 ? storage : second)));

const code = (overrides: Partial<AuthorizationCodeRecord> = {}): AuthorizationCodeRecord => ({
  codeHash: randomUUID(),
  clientId: 'client-a',
  grantId: randomUUID(),
  redirectUri: 'https://tpp.example/cb',
  codeChallenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
  issuedAt: NOW,
  expiresAt: at(60_000),
  ...overrides,
});

const grant = (overrides: Partial<GrantRecord> = {}): GrantRecord => ({
  grantId: randomUUID(),
  clientId: 'client-a',
  subject: 'psu-alice',
  scope: 'openid accounts',
  accounts: ['acc-1', 'acc-2'],
  authTime: NOW,
  createdAt: NOW,
  expiresAt: at(86_400_000),
  ...overrides,
});

const consent = (overrides: Partial<ConsentRecord> = {}): ConsentRecord => ({
  consentId: `obc-${randomUUID()}`,
  clientId: 'client-a',
  kind: 'account-access',
  apiVersion: 'v3.1',
  status: 'Authorised',
  details: { Data: { Permissions: ['ReadAccountsBasic'] }, Risk: {} },
  createdAt: NOW,
  statusUpdatedAt: NOW,
  expiresAt: at(86_400_000),
  authorisationExpiresAt: at(600_000),
  subject: 'psu-alice',
  accounts: ['acc-1'],
  ...overrides,
});

const refresh = (overrides: Partial<RefreshTokenRecord> = {}): RefreshTokenRecord => ({
  tokenHash: randomUUID(),
  grantId: randomUUID(),
  clientId: 'client-a',
  scope: 'accounts',
  issuedAt: NOW,
  expiresAt: at(86_400_000),
  ...overrides,
});

/** What a joined read gives of a consent: its state. */
const state = ({ consentId, kind, status, expiresAt }: ConsentRecord) => ({ consentId, kind, status, ...(expiresAt === undefined ? {} : { expiresAt }) });

const interaction = (overrides: Partial<InteractionRecord> = {}): InteractionRecord => ({
  interactionHash: randomUUID(),
  clientId: 'client-a',
  request: { scope: 'openid accounts', claims: { id_token: { acr: { essential: true } } } },
  stage: 'login',
  failedAttempts: 0,
  createdAt: NOW,
  expiresAt: at(600_000),
  ...overrides,
});

/** The PSU authorization repositories' behaviour (ports.ts), run once per adapter against a real database. */
export function authorizationStorageContract(newTarget: NewStorageTarget): void {
  let storage: Storage;
  let second: Storage;

  useTwoStorages(newTarget, (opened) => ({ storage, second } = opened));

  describe('pushed authorization requests', () => {
    const pushed = (clientId = 'client-a') => ({
      requestUriHash: randomUUID(),
      clientId,
      parameters: { response_type: 'code', claims: '{"id_token":{}}' },
      signed: true,
      createdAt: NOW,
      expiresAt: at(60_000),
    });

    it('is consumed once, only by the client that pushed it, only before it expires', async () => {
      const request = pushed();
      await storage.pushedRequests.insert(request);
      expect(await second.pushedRequests.consume(request.requestUriHash, 'client-b', at(1))).toBeUndefined();
      expect(await storage.pushedRequests.consume(request.requestUriHash, 'client-a', at(60_000))).toBeUndefined();
      expect(await second.pushedRequests.consume(request.requestUriHash, 'client-a', at(2))).toStrictEqual(request);
      expect(await storage.pushedRequests.consume(request.requestUriHash, 'client-a', at(3))).toBeUndefined();
    });

    it('lets exactly one of 50 parallel consumptions across two instances win', async () => {
      const request = pushed();
      await storage.pushedRequests.insert(request);
      const results = await both(storage, second, 50, (s) => s.pushedRequests.consume(request.requestUriHash, 'client-a', NOW));
      expect(results.filter((result) => result !== undefined)).toHaveLength(1);
    });
  });

  describe('authorization codes', () => {
    it('round-trips without inventing optional fields and redeems once for its client', async () => {
      const record = code();
      await storage.authorizationCodes.insert(record);
      expect(await second.authorizationCodes.findByHash(record.codeHash)).toStrictEqual(record);
      expect(await storage.authorizationCodes.redeem(record.codeHash, 'client-b', at(1))).toBeUndefined();
      expect(await second.authorizationCodes.redeem(record.codeHash, 'client-a', at(2))).toStrictEqual({ code: { ...record, consumedAt: at(2) } });
      expect(await storage.authorizationCodes.redeem(record.codeHash, 'client-a', at(3))).toBeUndefined();
      expect((await storage.authorizationCodes.findByHash(record.codeHash))?.consumedAt).toStrictEqual(at(2));
    });

    it('round-trips the DPoP key a code is bound to (RFC 9449 §10 dpop_jkt) and hands it back on redemption', async () => {
      const record = code({ nonce: 'n-0S6_WzA2Mj', dpopKeyThumbprint: 'NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs' });
      await storage.authorizationCodes.insert(record);
      expect(await second.authorizationCodes.findByHash(record.codeHash)).toStrictEqual(record);
      expect(await second.authorizationCodes.redeem(record.codeHash, 'client-a', at(1))).toStrictEqual({ code: { ...record, consumedAt: at(1) } });
    });

    it('lets exactly one of 50 parallel redemptions across two instances win', async () => {
      const record = code({ nonce: 'n-0S6_WzA2Mj' });
      await storage.authorizationCodes.insert(record);
      const results = await both(storage, second, 50, (s) => s.authorizationCodes.redeem(record.codeHash, 'client-a', NOW));
      const winners = results.filter((result) => result !== undefined);
      expect(winners).toStrictEqual([{ code: { ...record, consumedAt: NOW } }]);
    });

    it('hands the winner the grant of the code with its consent state, as they stand after changes made elsewhere', async () => {
      const authorised = consent();
      await storage.consents.insert(authorised);
      const bound = grant({ intentId: authorised.consentId });
      await storage.grants.insert(bound);
      const first = code({ grantId: bound.grantId });
      const later = code({ grantId: bound.grantId });
      for (const record of [first, later]) await storage.authorizationCodes.insert(record);
      expect(await second.authorizationCodes.redeem(first.codeHash, 'client-a', at(1))).toStrictEqual({
        code: { ...first, consumedAt: at(1) },
        grant: { grant: bound, consent: state(authorised) },
      });
      expect(await second.consents.transition(authorised.consentId, { from: ['Authorised'], to: 'Revoked' }, at(2))).toBeDefined();
      const redeemed = await storage.authorizationCodes.redeem(later.codeHash, 'client-a', at(3));
      expect(redeemed?.grant?.consent?.status).toBe('Revoked');
    });

    it('records a replay of a consumed code of the same client and names its grant; nothing for others', async () => {
      const early = code();
      await storage.authorizationCodes.insert(early);
      expect(await storage.authorizationCodes.recordReplay(early.codeHash, 'client-a', at(1))).toBeUndefined();
      await storage.authorizationCodes.redeem(early.codeHash, 'client-a', at(1));
      expect(await second.authorizationCodes.recordReplay(early.codeHash, 'client-b', at(2))).toBeUndefined();
      expect(await second.authorizationCodes.recordReplay('unknown-code', 'client-a', at(2))).toBeUndefined();
      expect(await second.authorizationCodes.recordReplay(early.codeHash, 'client-a', at(2))).toStrictEqual({ grantId: early.grantId });
      expect(await storage.authorizationCodes.recordReplay(early.codeHash, 'client-a', at(3))).toStrictEqual({ grantId: early.grantId });
    });

    it('of 50 parallel replays across two instances, each names the code\'s grant', async () => {
      const record = code();
      await storage.authorizationCodes.insert(record);
      await storage.authorizationCodes.redeem(record.codeHash, 'client-a', NOW);
      const replays = await Promise.all(
        Array.from({ length: 50 }, (_, i) => (i % 2 === 0 ? storage : second).authorizationCodes.recordReplay(record.codeHash, 'client-a', NOW)),
      );
      expect(replays.every((replay) => replay?.grantId === record.grantId)).toBe(true);
    });

    it('deletes codes that expired before the given time', async () => {
      const expired = code({ expiresAt: at(-1) });
      await storage.authorizationCodes.insert(expired);
      expect(await storage.authorizationCodes.deleteExpired(NOW)).toBeGreaterThanOrEqual(1);
      expect(await storage.authorizationCodes.findByHash(expired.codeHash)).toBeUndefined();
    });
  });

  describe('reads beside an open transaction (one SQLite connection serves every request)', () => {
    it('never see the rows of a unit of work that is still open, nor of one that rolls back', async () => {
      const rolledBack = grant();
      const token = refresh({ grantId: rolledBack.grantId });
      const abandoned = new Error('abandoned');
      let reads: Promise<unknown[]> | undefined;
      await expect(
        storage.withTransaction(async ({ grants, refreshTokens }) => {
          await grants.insert(rolledBack);
          await refreshTokens.insert(token);
          reads = Promise.all([
            storage.grants.find(rolledBack.grantId),
            storage.refreshTokens.findByHash(token.tokenHash),
            storage.refreshTokens.findWithGrant(token.tokenHash),
          ]);
          await new Promise((resolve) => setTimeout(resolve, 20));
          throw abandoned;
        }),
      ).rejects.toBe(abandoned);
      expect(await reads).toStrictEqual([undefined, undefined, undefined]);
    });

    it('read a grant with its consent as committed: neither an open nor a rolled-back consent joins', async () => {
      const rolledBack = grant();
      const committed = grant({ intentId: `obc-${randomUUID()}` });
      await storage.grants.insert(committed);
      const abandoned = new Error('abandoned');
      let reads: Promise<unknown[]> | undefined;
      await expect(
        storage.withTransaction(async ({ grants, consents }) => {
          await grants.insert(rolledBack);
          await consents.insert(consent({ consentId: committed.intentId ?? '' }));
          reads = Promise.all([storage.grants.findWithConsent(rolledBack.grantId), storage.grants.findWithConsent(committed.grantId)]);
          await new Promise((resolve) => setTimeout(resolve, 20));
          throw abandoned;
        }),
      ).rejects.toBe(abandoned);
      expect(await reads).toStrictEqual([undefined, { grant: committed }]);
      expect(await storage.grants.findWithConsent(committed.grantId)).toStrictEqual({ grant: committed });
    });
  });

  describe('grants', () => {
    it('round-trips with and without optional fields', async () => {
      const full = grant({ intentId: 'urn-intent-1', acr: 'urn:openbanking:psd2:sca', accounts: [] });
      const minimal = grant();
      await storage.grants.insert(full);
      await storage.grants.insert(minimal);
      expect(await second.grants.find(full.grantId)).toStrictEqual(full);
      expect(await second.grants.find(minimal.grantId)).toStrictEqual(minimal);
      expect(await second.grants.find(randomUUID())).toBeUndefined();
    });

    it('is found with the consent it authorised, in one read', async () => {
      const authorised = consent({ statusReason: 'psu_approved', idempotencyKey: 'k', requestHash: 'h' });
      await storage.consents.insert(authorised);
      const { apiVersion, expiresAt, subject, accounts, ...minimal } = consent({ kind: 'authorization', details: {} });
      await storage.consents.insert(minimal);
      const bound = grant({ intentId: authorised.consentId, acr: 'urn:openbanking:psd2:sca' });
      const boundToMinimal = grant({ intentId: minimal.consentId });
      const orphan = grant({ intentId: `obc-${randomUUID()}` });
      const plain = grant();
      for (const record of [bound, boundToMinimal, orphan, plain]) await storage.grants.insert(record);
      expect(await second.grants.findWithConsent(bound.grantId)).toStrictEqual({ grant: bound, consent: state(authorised) });
      expect(await second.grants.findWithConsent(boundToMinimal.grantId)).toStrictEqual({ grant: boundToMinimal, consent: state(minimal) });
      expect(await second.grants.findWithConsent(orphan.grantId)).toStrictEqual({ grant: orphan });
      expect(await second.grants.findWithConsent(plain.grantId)).toStrictEqual({ grant: plain });
      expect(await second.grants.findWithConsent(randomUUID())).toBeUndefined();
    });

    it('revocation deactivates the access and refresh tokens of that grant only', async () => {
      const revoked = grant();
      const kept = grant();
      await storage.grants.insert(revoked);
      await storage.grants.insert(kept);
      const mine = await storeGrantAccessToken(storage, 'client-a', revoked.grantId, NOW);
      const other = await storeGrantAccessToken(storage, 'client-a', kept.grantId, NOW);
      const [myRefresh, otherRefresh] = [refresh({ grantId: revoked.grantId }), refresh({ grantId: kept.grantId })];
      await storage.refreshTokens.insert(myRefresh);
      await storage.refreshTokens.insert(otherRefresh);
      expect(await mine.isActive(second, at(4))).toBe(true);
      expect(await second.grants.revoke(revoked.grantId, at(5))).toBe(true);
      expect(await storage.grants.revoke(revoked.grantId, at(6))).toBe(false);
      expect((await storage.grants.find(revoked.grantId))?.revokedAt).toStrictEqual(at(5));
      expect(await mine.isActive(second, at(6))).toBe(false);
      expect((await storage.refreshTokens.findByHash(myRefresh.tokenHash))?.revokedAt).toStrictEqual(at(5));
      expect((await storage.grants.find(kept.grantId))?.revokedAt).toBeUndefined();
      expect(await other.isActive(second, at(6))).toBe(true);
      expect((await storage.refreshTokens.findByHash(otherRefresh.tokenHash))?.revokedAt).toBeUndefined();
    });
  });

  describe('grants of a deleted client', () => {
    it('revokeAllOfClient revokes every grant of that client with its refresh tokens, and nothing of others', async () => {
      const clientId = `client-${randomUUID()}`;
      const [first, secondGrant, foreign] = [grant({ clientId }), grant({ clientId }), grant()];
      for (const record of [first, secondGrant, foreign]) await storage.grants.insert(record);
      const mine = refresh({ clientId, grantId: first.grantId });
      const theirs = refresh({ grantId: foreign.grantId });
      await storage.refreshTokens.insert(mine);
      await storage.refreshTokens.insert(theirs);
      expect(await second.grants.revokeAllOfClient(clientId, at(7))).toBe(2);
      expect(await storage.grants.revokeAllOfClient(clientId, at(8))).toBe(0);
      expect((await storage.grants.find(secondGrant.grantId))?.revokedAt).toStrictEqual(at(7));
      expect((await storage.refreshTokens.findByHash(mine.tokenHash))?.revokedAt).toStrictEqual(at(7));
      expect((await storage.grants.find(foreign.grantId))?.revokedAt).toBeUndefined();
      expect((await storage.refreshTokens.findByHash(theirs.tokenHash))?.revokedAt).toBeUndefined();
    });
  });

  describe('refresh tokens', () => {
    it('is found with its grant and the grant\'s consent state, in one read', async () => {
      const authorised = consent({ status: 'Revoked' });
      await storage.consents.insert(authorised);
      const bound = grant({ intentId: authorised.consentId });
      const plain = grant();
      for (const record of [bound, plain]) await storage.grants.insert(record);
      const [ofBound, ofPlain, orphan] = [refresh({ grantId: bound.grantId, certificateThumbprint: 'x5t' }), refresh({ grantId: plain.grantId }), refresh()];
      for (const token of [ofBound, ofPlain, orphan]) await storage.refreshTokens.insert(token);
      expect(await second.refreshTokens.findWithGrant(ofBound.tokenHash)).toStrictEqual({ token: ofBound, grant: { grant: bound, consent: state(authorised) } });
      expect(await second.refreshTokens.findWithGrant(ofPlain.tokenHash)).toStrictEqual({ token: ofPlain, grant: { grant: plain } });
      expect(await second.refreshTokens.findWithGrant(orphan.tokenHash)).toStrictEqual({ token: orphan });
      expect(await second.refreshTokens.findWithGrant(randomUUID())).toBeUndefined();
    });

    it('round-trips and rotates once, for its client only', async () => {
      const token = refresh({ certificateThumbprint: 'bwcK0esc3ACC3DB2Y5_lESsXE8o9ltc05O89jdN-dg2', parentHash: randomUUID() });
      await storage.refreshTokens.insert(token);
      expect(await second.refreshTokens.findByHash(token.tokenHash)).toStrictEqual(token);
      expect(await storage.refreshTokens.rotate(token.tokenHash, 'client-b', at(1))).toBeUndefined();
      expect(await second.refreshTokens.rotate(token.tokenHash, 'client-a', at(2))).toStrictEqual({ ...token, rotatedAt: at(2) });
      expect(await storage.refreshTokens.rotate(token.tokenHash, 'client-a', at(3))).toBeUndefined();
    });

    it('refuses the grace use of a token whose successor was already used', async () => {
      const token = refresh();
      await storage.refreshTokens.insert(token);
      await storage.refreshTokens.rotate(token.tokenHash, 'client-a', at(1000));
      const successor = refresh({ grantId: token.grantId, parentHash: token.tokenHash });
      await storage.refreshTokens.insert(successor);
      await second.refreshTokens.rotate(successor.tokenHash, 'client-a', at(1500));
      expect(await storage.refreshTokens.useGrace(token.tokenHash, 'client-a', at(0), at(2000))).toBeUndefined();
    });

    it('allows one grace use of a rotated token inside the window, and none after it', async () => {
      const token = refresh();
      const late = refresh();
      await storage.refreshTokens.insert(token);
      await storage.refreshTokens.insert(late);
      await storage.refreshTokens.rotate(token.tokenHash, 'client-a', at(1000));
      await storage.refreshTokens.rotate(late.tokenHash, 'client-a', at(1000));
      expect(await storage.refreshTokens.useGrace(token.tokenHash, 'client-b', at(0), at(2000))).toBeUndefined();
      const results = await both(storage, second, 20, (s) => s.refreshTokens.useGrace(token.tokenHash, 'client-a', at(0), at(2000)));
      expect(results.filter((result) => result !== undefined)).toHaveLength(1);
      expect(await storage.refreshTokens.useGrace(late.tokenHash, 'client-a', at(1001), at(2000))).toBeUndefined();
      const unrotated = refresh();
      await storage.refreshTokens.insert(unrotated);
      expect(await storage.refreshTokens.useGrace(unrotated.tokenHash, 'client-a', at(0), at(2000))).toBeUndefined();
    });

    it('lets exactly one of 50 parallel rotations win, and revokes the unused children of a token', async () => {
      const token = refresh();
      await storage.refreshTokens.insert(token);
      const results = await both(storage, second, 50, (s) => s.refreshTokens.rotate(token.tokenHash, 'client-a', NOW));
      expect(results.filter((result) => result !== undefined)).toHaveLength(1);
      const child = refresh({ parentHash: token.tokenHash });
      const usedChild = refresh({ parentHash: token.tokenHash });
      await storage.refreshTokens.insert(child);
      await storage.refreshTokens.insert(usedChild);
      await storage.refreshTokens.rotate(usedChild.tokenHash, 'client-a', at(5));
      expect(await second.refreshTokens.revokeUnusedChildren(token.tokenHash, at(9))).toBe(1);
      expect((await storage.refreshTokens.findByHash(child.tokenHash))?.revokedAt).toStrictEqual(at(9));
      expect((await storage.refreshTokens.findByHash(usedChild.tokenHash))?.revokedAt).toBeUndefined();
      expect(await second.refreshTokens.revokeUnusedChildren(token.tokenHash, at(10))).toBe(0);
      expect(await storage.refreshTokens.rotate(child.tokenHash, 'client-a', at(11))).toBeUndefined();
    });

    it('rotates with its successor in one transaction: of 20 parallel rotations (pooled connections) exactly one successor is stored', async () => {
      const token = refresh();
      await storage.refreshTokens.insert(token);
      const successors = Array.from({ length: 20 }, () => refresh({ grantId: token.grantId, parentHash: token.tokenHash }));
      const won = await Promise.all(
        successors.map((successor) =>
          storage.withTransaction(async ({ refreshTokens }) => {
            if ((await refreshTokens.rotate(token.tokenHash, 'client-a', at(1))) === undefined) return false;
            await refreshTokens.insert(successor);
            return true;
          }),
        ),
      );
      expect(won.filter(Boolean)).toHaveLength(1);
      const stored = await Promise.all(successors.map((successor) => second.refreshTokens.findByHash(successor.tokenHash)));
      expect(stored.filter((record) => record !== undefined)).toHaveLength(1);
    });

    it('rolls back the revocation of a successor when the grace claim in the same transaction fails', async () => {
      const token = refresh();
      await storage.refreshTokens.insert(token);
      await storage.refreshTokens.rotate(token.tokenHash, 'client-a', at(1000));
      const successor = refresh({ grantId: token.grantId, parentHash: token.tokenHash });
      await storage.refreshTokens.insert(successor);
      await storage.refreshTokens.useGrace(token.tokenHash, 'client-a', at(0), at(1500));
      const refused = new Error('grace refused');
      await expect(
        second.withTransaction(async ({ refreshTokens }) => {
          expect(await refreshTokens.revokeUnusedChildren(token.tokenHash, at(2000))).toBe(1);
          if ((await refreshTokens.useGrace(token.tokenHash, 'client-a', at(0), at(2000))) === undefined) throw refused;
        }),
      ).rejects.toBe(refused);
      expect((await storage.refreshTokens.findByHash(successor.tokenHash))?.revokedAt).toBeUndefined();
    });
  });

  describe('interactions', () => {
    it('round-trips JSON requests and is not found once expired', async () => {
      const record = interaction();
      await storage.interactions.insert(record);
      expect(await second.interactions.find(record.interactionHash, NOW)).toStrictEqual(record);
      expect(await second.interactions.find(record.interactionHash, at(600_000))).toBeUndefined();
    });

    it('advances only while the guard still holds: the verified code is current', async () => {
      const record = interaction({ stage: 'second-factor', otpHash: 'code-1' });
      await storage.interactions.insert(record);
      const to = { stage: 'consent' as const, authTime: NOW };
      expect(await second.interactions.advance(record.interactionHash, 'second-factor', to, NOW, { otpHash: 'stale-code' })).toBe(false);
      expect(await storage.interactions.advance(record.interactionHash, 'second-factor', to, NOW, { otpHash: 'code-1' })).toBe(true);
    });

    it('claims at most the allowed attempts at the current stage, however many ask at once', async () => {
      const record = interaction();
      await storage.interactions.insert(record);
      const claims = await both(storage, second, 30, (s) => s.interactions.claimAttempt(record.interactionHash, 'login', 5, NOW));
      expect(claims.filter((claim) => claim !== undefined).sort()).toStrictEqual([1, 2, 3, 4, 5]);
      expect(await storage.interactions.claimAttempt(record.interactionHash, 'login', 5, NOW)).toBeUndefined();
      expect(await storage.interactions.claimAttempt(record.interactionHash, 'login', 6, NOW)).toBe(6);
      expect(await storage.interactions.claimAttempt(record.interactionHash, 'second-factor', 10, NOW)).toBeUndefined();
      expect(await storage.interactions.claimAttempt(record.interactionHash, 'login', 10, at(600_000))).toBeUndefined();
      expect((await second.interactions.find(record.interactionHash, NOW))?.failedAttempts).toBe(6);
    });

    it('advances from the expected stage only, once, and counts attempts per stage', async () => {
      const record = interaction();
      await storage.interactions.insert(record);
      expect(await storage.interactions.claimAttempt(record.interactionHash, 'login', 5, NOW)).toBe(1);
      expect(await second.interactions.claimAttempt(record.interactionHash, 'login', 5, NOW)).toBe(2);
      expect(await storage.interactions.advance(record.interactionHash, 'consent', { stage: 'done' }, NOW)).toBe(false);
      const moves = await both(storage, second, 20, (s) =>
        s.interactions.advance(record.interactionHash, 'login', { stage: 'second-factor', subject: 'psu-alice', otpHash: 'h' }, NOW),
      );
      expect(moves.filter(Boolean)).toHaveLength(1);
      const after = await storage.interactions.find(record.interactionHash, NOW);
      expect(after).toStrictEqual({ ...record, stage: 'second-factor', subject: 'psu-alice', otpHash: 'h', failedAttempts: 0 });
      expect(await storage.interactions.advance(record.interactionHash, 'second-factor', { stage: 'consent', authTime: at(1) }, at(700_000))).toBe(false);
      expect(await storage.interactions.claimAttempt(record.interactionHash, 'second-factor', 5, NOW)).toBe(1);
      expect(await storage.interactions.claimAttempt(randomUUID(), 'login', 5, NOW)).toBeUndefined();
    });
  });
}
