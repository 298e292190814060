import { clientOf } from '../../src/clients/client.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { obtainCode, postAs, redeemCode, startAuthorizationFixture, type AuthorizationFixture } from '../authorization/authorization-fixture.js';
import { randomUUID } from 'node:crypto';
import type { AuthenticatedClient } from '../../src/client-auth/client-authenticator.js';
import type { GrantTokenIssuers } from '../../src/grants/grant-tokens.js';
import { createRefreshTokenGrant } from '../../src/grants/refresh-token.grant.js';
import type { GrantRecord, Storage } from '../../src/storage/ports.js';
import { createRefreshTokenMinter } from '../../src/tokens/refresh-token-issuer.js';
import { hashToken, randomHandle } from '../../src/tokens/token-hash.js';
import { tokenKey } from '../../src/tokens/token-key.js';
import { createTestDatabase, postgresAvailable, type TestDatabase } from '../support/postgres.js';
import { newPostgresTarget, newSqliteTarget, type StorageTarget } from '../storage/storage-targets.js';

const targets = [
  { name: 'SQLite', database: async (): Promise<TestDatabase | undefined> => undefined, newTarget: newSqliteTarget, skip: false },
  { name: 'PostgreSQL', database: createTestDatabase, newTarget: newPostgresTarget, skip: !postgresAvailable },
];

describe.each(targets)('refresh rotation that cannot fork, profile stet on $name', ({ database, skip }) => {
  let fixture: AuthorizationFixture;
  let db: TestDatabase | undefined;

  beforeAll(async () => {
    if (skip) return;
    db = await database();
    fixture = await startAuthorizationFixture({
      profile: 'stet',
      knobs: { refreshTokens: { rotate: true, graceSeconds: 30 } },
      ...(db === undefined ? {} : { databaseUrl: db.url }),
    });
  });

  afterAll(async () => {
    await fixture?.close();
    await db?.drop();
  });

  const refresh = (token: string) => postAs(fixture, '/token', fixture.a, { grant_type: 'refresh_token', refresh_token: token });
  const active = async (token: string) => (await postAs(fixture, '/introspect', fixture.a, { token })).json['active'] === true;

  async function freshRefreshToken(): Promise<string> {
    const { code, verifier } = await obtainCode(fixture);
    const response = await redeemCode(fixture, fixture.a, code, verifier);
    expect(response.status).toBe(200);
    return String(response.json['refresh_token']);
  }

  /** Opens `count` connections first, so the parallel requests reach obas together rather than one TLS handshake apart. */
  async function warmConnections(count: number, token: string): Promise<void> {
    await Promise.all(Array.from({ length: count }, () => active(token)));
  }

  it.skipIf(skip)('leaves at most one live successor after 20 parallel refreshes of one token, exactly one unless reuse ended the grant', async () => {
    const original = await freshRefreshToken();
    await warmConnections(20, original);
    const responses = await Promise.all(Array.from({ length: 20 }, () => refresh(original)));
    for (const response of responses) {
      if (response.status !== 200) expect(response.json).toMatchObject({ error: 'invalid_grant' });
    }
    const issued = responses.filter((response) => response.status === 200).map((response) => String(response.json['refresh_token']));
    expect(issued.length).toBeGreaterThanOrEqual(1);
    expect(issued.length).toBeLessThanOrEqual(2);
    expect(await active(original)).toBe(false);
    const live = [];
    for (const token of issued) if (await active(token)) live.push(token);
    const further = [];
    for (const token of issued) if ((await refresh(token)).status === 200) further.push(token);
    expect(further).toEqual(live);
    const grantRevoked = responses.some((response) => String(response.json['error_description']).includes('the grant is revoked'));
    expect(live).toHaveLength(grantRevoked ? 0 : 1);
  });

  it.skipIf(skip)('a retry within the grace window after a lost response works once and revokes the lost successor', async () => {
    const original = await freshRefreshToken();
    const lost = await refresh(original);
    expect(lost.status).toBe(200);
    const retried = await refresh(original);
    expect(retried.status).toBe(200);
    const [lostToken, retriedToken] = [String(lost.json['refresh_token']), String(retried.json['refresh_token'])];
    expect(await active(original)).toBe(false);
    expect(await active(lostToken)).toBe(false);
    expect(await active(retriedToken)).toBe(true);
    expect((await refresh(lostToken)).status).toBe(400);
    expect((await refresh(retriedToken)).status).toBe(200);
  });

  it.skipIf(skip)('never leaves two live successors when grace retries race each other', async () => {
    const original = await freshRefreshToken();
    const first = await refresh(original);
    expect(first.status).toBe(200);
    await warmConnections(10, original);
    const retries = await Promise.all(Array.from({ length: 10 }, () => refresh(original)));
    const issued = [first, ...retries].filter((response) => response.status === 200).map((response) => String(response.json['refresh_token']));
    expect(issued.length).toBeLessThanOrEqual(2);
    let live = 0;
    for (const token of issued) if (await active(token)) live += 1;
    expect(live).toBeLessThanOrEqual(1);
    expect(await active(original)).toBe(false);
  });
});

describe.each(targets)('refresh grant racing itself on $name', ({ newTarget, skip }) => {
  let target: StorageTarget;
  let storage: Storage;

  beforeAll(async () => {
    if (skip) return;
    target = await newTarget();
    storage = await target.open();
  });

  afterAll(async () => {
    await storage?.close();
    await target?.dispose();
  });

  /**
   * A grant with one refresh token of `tpp-a` — of this version, or `legacy`: 43 characters stored under their SHA-256
   * alone, as earlier versions issued them —, and the refresh grant over `storage` with `settings` and `clock`.
   */
  async function seeded(graceSeconds: number, clock: () => Date, version: 'current' | 'legacy' = 'current') {
    const now = new Date();
    const grant: GrantRecord = { grantId: randomUUID(), clientId: 'tpp-a', subject: 'psu-alice', scope: 'aisp', accounts: [], authTime: now, createdAt: now, expiresAt: new Date(now.getTime() + 3_600_000) };
    await storage.grants.insert(grant);
    const mint = createRefreshTokenMinter(3600);
    const minted = mint({ grant, clientId: 'tpp-a', scope: 'aisp', now });
    const legacyToken = randomHandle(32);
    const original = version === 'current' ? minted : { token: legacyToken, record: { ...minted.record, tokenHash: hashToken(legacyToken) } };
    await storage.refreshTokens.insert(original.record);
    const issuers = {
      issueAccessToken: async () => ({ token: randomUUID(), expiresIn: 300, record: {} as never }),
      issueRefreshToken: async () => { throw new Error('unused'); },
      issueIdToken: async () => { throw new Error('unused'); },
      profile: 'stet',
    } as unknown as GrantTokenIssuers;
    const handler = createRefreshTokenGrant(storage, issuers, mint, { rotate: true, graceSeconds }, clock);
    const record = { clientId: 'tpp-a', metadata: { client_id: 'tpp-a', token_endpoint_auth_method: 'tls_client_auth' }, source: 'config', createdAt: now, updatedAt: now } as const;
    const client: AuthenticatedClient = { client: clientOf(record), method: 'tls_client_auth' };
    const refresh = (arrivedAt: Date) => handler.handle({ client, parameters: new Map([['refresh_token', original.token]]), binding: {}, now: arrivedAt });
    const grantRevoked = async () => (await storage.grants.find(grant.grantId))?.revokedAt !== undefined;
    return { refresh, grantRevoked };
  }

  it.skipIf(skip)('lets 20 requests that all found the token live leave exactly one live successor, without revoking the grant', async () => {
    const { refresh, grantRevoked } = await seeded(30, () => new Date());
    const outcomes = await Promise.allSettled(Array.from({ length: 20 }, () => refresh(new Date())));
    const issued = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [String(outcome.value.response['refresh_token'])] : []));
    expect(issued.length).toBeGreaterThanOrEqual(1);
    expect(issued.length).toBeLessThanOrEqual(2);
    expect(await grantRevoked()).toBe(false);
    const records = await Promise.all(issued.map((token) => storage.refreshTokens.findByHash(tokenKey(token))));
    expect(records.filter((record) => record !== undefined && record.revokedAt === undefined && record.rotatedAt === undefined)).toHaveLength(1);
  });

  it.skipIf(skip)('still refreshes a token of an earlier version, 43 characters stored under their SHA-256 alone', async () => {
    const { refresh, grantRevoked } = await seeded(30, () => new Date(), 'legacy');
    const { response } = await refresh(new Date());
    expect(String(response['refresh_token'])).toMatch(/^[A-Za-z0-9_-]{51}$/);
    expect(await grantRevoked()).toBe(false);
  });

  it.skipIf(skip)('takes a request that arrived before the rotation was made for a lost race, one that arrived after it for reuse', async () => {
    const rotationMadeAt = new Date(Date.now() + 60_000);
    const { refresh, grantRevoked } = await seeded(0, () => rotationMadeAt);
    await refresh(new Date());
    const concurrent = refresh(new Date(rotationMadeAt.getTime() - 1));
    await expect(concurrent).rejects.toMatchObject({ code: 'invalid_grant', reason: 'refresh_token_invalid', detail: 'lost a race with its rotation' });
    expect(await grantRevoked()).toBe(false);
    await expect(refresh(new Date(rotationMadeAt.getTime() + 1))).rejects.toMatchObject({ code: 'invalid_grant', reason: 'refresh_token_reused' });
    expect(await grantRevoked()).toBe(true);
  });
});
