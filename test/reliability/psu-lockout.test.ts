import { randomUUID } from 'node:crypto';
import BetterSqlite3 from 'better-sqlite3';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockoutKey } from '../../src/authorization/psu-lockout.js';
import { openStorage } from '../../src/storage/open-storage.js';
import type { Storage } from '../../src/storage/ports.js';
import { startAuthorizationFixture, type AuthorizationFixture } from '../authorization/authorization-fixture.js';
import { expectErrorPage, expectErrorRedirect } from '../authorization/page-assertions.js';
import { PsuHttpClient, type PageExchange } from '../support/psu-http.js';
import {
  codeOn,
  comparable,
  LOCKED,
  obasCli,
  otherCode,
  post,
  psu,
  sandboxPsus,
  startDashboard,
  startLogin as startLoginOf,
  WRONG_CODE,
  WRONG_PASSWORD,
  type Session,
  type TestPsu,
} from './psu-lockout-fixture.js';

/** Six failures lock for 5 s, then 10 s…; one sign-in allows 5 passwords and 3 codes. */
const LOCKOUT = { maxFailures: 6, lockSeconds: 5, backoffFactor: 2, maxLockSeconds: 60, resetSeconds: 600 };
const USERNAMES = ['lena', 'bea', 'rita', 'mia', 'nora', 'olga', 'pia', 'cleo'] as const;

describe('PSU lockout: failed sign-ins across authorizations and the dashboard lock the username out', () => {
  let fixture: AuthorizationFixture;
  let lockouts: Storage;
  let database: BetterSqlite3.Database;
  let dashboard: PsuHttpClient;
  let otherBrowser: PsuHttpClient;

  beforeAll(async () => {
    fixture = await startAuthorizationFixture({ profile: 'stet', extra: { psuLockout: LOCKOUT, sandbox: { psus: await sandboxPsus(USERNAMES) } } });
    lockouts = await openStorage({ sqliteFile: join(fixture.server.dataDir, 'obas.db') });
    database = new BetterSqlite3(join(fixture.server.dataDir, 'obas.db'), { readonly: true });
    dashboard = new PsuHttpClient(fixture.server.issuer, fixture.server.pki.caCertPem);
    otherBrowser = new PsuHttpClient(fixture.server.issuer, fixture.server.pki.caCertPem);
  });

  afterAll(async () => {
    await lockouts?.close();
    database?.close();
    await dashboard?.close();
    await otherBrowser?.close();
    await fixture?.close();
  });

  const client = () => fixture.psu;

  const startLogin = (on: PsuHttpClient = client()) => startLoginOf(fixture, on);

  const logIn = (session: Session, username: string, password: string, path = '/login', on = client()) => post(on, session, path, { username, password });

  /** Logs `user` in (right password) in a new authorization; resolves the session at the one-time code page. */
  async function atSecondFactor(user: TestPsu, on = client()): Promise<{ session: Session; code: string }> {
    const session = await startLogin(on);
    expect((await logIn(session, user.username, user.password, '/login', on)).location).toBe('/sca');
    const page = await on.get('/sca', { cookie: session.cookie });
    return { session, code: codeOn(page) ?? '' };
  }

  /** `count` wrong passwords for `username`, in new authorizations (five attempts each); resolves the answers. */
  async function failLogins(username: string, count: number): Promise<PageExchange[]> {
    const answers: PageExchange[] = [];
    let session = await startLogin();
    for (let i = 0; i < count; i++) {
      if (i > 0 && i % 5 === 0) session = await startLogin();
      answers.push(await logIn(session, username, 'wrong'));
    }
    return answers;
  }

  /** Opens `count` connections to the server (kept alive), so that `count` posts after it reach it at once. */
  const openConnections = (count: number) => Promise.all(Array.from({ length: count }, () => client().get('/assets/obas.css')));

  const lockedUntil = (username: string) => lockouts.psuLockouts.lockedUntil(username, new Date());

  /** The failures counted for `username` and the end of its last lock (0: never locked), as stored. */
  const storedLockout = (username: string) => database.prepare('SELECT failures, locked_until FROM psu_lockouts WHERE username = ?').get(username);

  /** The lock a failure starts lasts `seconds`: its end minus the failure's request time brackets it. */
  async function expectLockOf(username: string, seconds: number, lastFailure: () => Promise<PageExchange>): Promise<Date> {
    const before = Date.now();
    expect((await lastFailure()).body).toContain(LOCKED.en);
    const after = Date.now();
    const until = (await lockedUntil(username))?.getTime() ?? 0;
    expect(until - after).toBeLessThanOrEqual(seconds * 1000);
    expect(until - before).toBeGreaterThanOrEqual(seconds * 1000);
    return new Date(until);
  }

  const waitUntil = (when: Date) => sleep(Math.max(0, when.getTime() - Date.now()) + 50);

  it('counts wrong passwords of several authorizations, the dashboard and wrong one-time codes; then refuses even the right ones', async () => {
    const lena = psu('lena');
    const waiting = await atSecondFactor(lena, otherBrowser);
    const first = await startLogin();
    for (let i = 0; i < 2; i++) expect((await logIn(first, 'lena', 'wrong')).body).toContain(WRONG_PASSWORD);
    const { session: second, code } = await atSecondFactor(lena);
    expect((await post(client(), second, '/sca', { otp: otherCode(code) })).body).toContain(WRONG_CODE);
    const signIn = await startDashboard(dashboard);
    for (let i = 0; i < 2; i++) expect((await logIn(signIn, 'lena', 'wrong', '/consents/login', dashboard)).body).toContain(WRONG_PASSWORD);
    expect(await lockedUntil('lena')).toBeUndefined();

    const third = await startLogin();
    const locking = await logIn(third, 'lena', 'wrong');
    expect(locking.status).toBe(200);
    expect(locking.body).toContain(LOCKED.en);
    const right = await logIn(third, 'lena', lena.password);
    expect([right.status, right.location]).toStrictEqual([200, undefined]);
    expect(right.body).toContain(LOCKED.en);
    expect(right.body).toContain('role="alert"');
    expect((await logIn(third, 'lena', lena.password, '/fr/login')).body).toContain(LOCKED.fr);
    expect((await logIn(signIn, 'lena', lena.password, '/consents/login', dashboard)).body).toContain(LOCKED.en);
    const rightCode = await post(otherBrowser, waiting.session, '/sca', { otp: waiting.code });
    expect([rightCode.status, rightCode.location]).toStrictEqual([200, undefined]);
    expect(rightCode.body).toContain(LOCKED.en);
  });

  it('makes each further lock twice as long', async () => {
    await failLogins('bea', LOCKOUT.maxFailures - 1);
    const firstLock = await expectLockOf('bea', 5, async () => (await failLogins('bea', 1))[0] as PageExchange);
    await waitUntil(firstLock);
    await failLogins('bea', LOCKOUT.maxFailures - 1);
    await expectLockOf('bea', 10, async () => (await failLogins('bea', 1))[0] as PageExchange);
  });

  it('lets the right password in once the lock is over, and a completed sign-in forgets the failures and the back-off', async () => {
    const rita = psu('rita');
    await failLogins('rita', LOCKOUT.maxFailures - 1);
    const lock = await expectLockOf('rita', 5, async () => (await failLogins('rita', 1))[0] as PageExchange);
    await waitUntil(lock);
    const { session, code } = await atSecondFactor(rita);
    expect((await post(client(), session, '/sca', { otp: code })).location).toBe('/consent');
    await failLogins('rita', LOCKOUT.maxFailures - 1);
    await expectLockOf('rita', 5, async () => (await failLogins('rita', 1))[0] as PageExchange);
  });

  it('locks unknown usernames exactly like known ones, whatever their case and surrounding spaces', async () => {
    const ghost = `ghost-${randomUUID().slice(0, 8)}`;
    const shape = (answers: PageExchange[], username: string) =>
      answers.map((answer) => ({
        status: answer.status,
        error: answer.location === undefined ? undefined : new URL(answer.location).searchParams.get('error'),
        body: answer.body.replace(/name="csrf" value="[^"]+"/, '').replaceAll(`value="${username}"`, 'value="…"'),
      }));
    const known = await failLogins('mia', LOCKOUT.maxFailures + 1);
    const unknown = await failLogins(ghost, LOCKOUT.maxFailures + 1);
    expect(shape(unknown, ghost)).toStrictEqual(shape(known, 'mia'));
    expect(unknown.at(-1)?.body).toContain(LOCKED.en);
    expectErrorRedirect(unknown[4] as PageExchange, fixture.a.redirectUri, 'access_denied');

    const other = `Other-${randomUUID().slice(0, 8)}`;
    await failLogins(`  ${other.toUpperCase()}`, LOCKOUT.maxFailures);
    expect(await lockedUntil(lockoutKey(other.toLowerCase(), new Set()))).toBeDefined();
  });

  it('keeps only a hash of what was typed as an unknown username (it may be a password), a known one readable', async () => {
    const typed = `secret-${randomUUID().slice(0, 8)}`;
    await failLogins(typed, 1);
    await failLogins('mia', 1);
    const keys = (database.prepare('SELECT username FROM psu_lockouts').all() as { username: string }[]).map((row) => row.username);
    expect(keys.some((key) => key.includes(typed))).toBe(false);
    expect(keys).toContain(lockoutKey(typed, new Set()));
    expect(lockoutKey(typed, new Set())).toMatch(/^unknown:[\w-]{43}$/);
    expect(keys).toContain('mia');
  });

  it('checks at most five of 50 simultaneous passwords, and at most three of 50 one-time codes, in one sign-in', async () => {
    const session = await startLogin();
    await openConnections(50);
    const answers = await Promise.all(Array.from({ length: 50 }, () => logIn(session, 'nora', 'wrong')));
    expect(answers.filter((answer) => answer.location?.startsWith(fixture.a.redirectUri))).toHaveLength(1);
    expect(answers.filter((answer) => answer.body.includes(WRONG_PASSWORD)).length).toBeLessThanOrEqual(4);
    expect(storedLockout('nora')).toStrictEqual({ failures: 5, locked_until: 0 });
    await failLogins('nora', 1);
    expect(await lockedUntil('nora')).toBeDefined();

    const { session: atCode, code } = await atSecondFactor(psu('olga'));
    await openConnections(50);
    const codes = await Promise.all(Array.from({ length: 50 }, () => post(client(), atCode, '/sca', { otp: otherCode(code) })));
    expect(codes.filter((answer) => answer.location?.startsWith(fixture.a.redirectUri))).toHaveLength(1);
    expect(storedLockout('olga')).toStrictEqual({ failures: 3, locked_until: 0 });
  });

  it('answers a right and a wrong password alike once the sign-in is over or the PSU locked out, without checking it', async () => {
    const pia = psu('pia');
    const over = await startLogin();
    for (let i = 0; i < 5; i++) await logIn(over, 'pia', 'wrong');
    const [rightOver, wrongOver] = [await logIn(over, 'pia', pia.password), await logIn(over, 'pia', 'wrong')];
    expectErrorPage(rightOver, 'invalid_request');
    expect(comparable(rightOver)).toStrictEqual(comparable(wrongOver));

    const locked = await startLogin();
    expect((await logIn(locked, 'pia', 'wrong')).body).toContain(LOCKED.en);
    const [rightLocked, wrongLocked] = [await logIn(locked, 'pia', pia.password), await logIn(locked, 'pia', 'wrong')];
    expect(rightLocked.body).toContain(LOCKED.en);
    expect(comparable(rightLocked)).toStrictEqual(comparable(wrongLocked));
  });

  it('is listed and lifted by `obas psus lockouts` and `obas psus unlock`, on the database the server uses', async () => {
    const cleo = psu('cleo');
    await lockouts.psuLockouts.recordFailure('cleo', new Date(), { ...LOCKOUT, maxFailures: 1, lockSeconds: 600, maxLockSeconds: 600 });
    const session = await startLogin();
    expect((await logIn(session, 'cleo', cleo.password)).body).toContain('Too many failed attempts. Try again in 10 minutes.');
    const config = join(fixture.server.dataDir, `obas-${new URL(fixture.server.issuer).port}.json`);
    expect(await obasCli(config, ['psus', 'lockouts'])).toMatch(/^cleo\t\d{4}-\d\d-\d\dT[\d:.]+Z\tnext lock 600 s$/m);
    expect(await obasCli(config, ['psus', 'unlock', ' Cleo '])).toBe('unlocked cleo\n');
    expect(await obasCli(config, ['psus', 'unlock', 'cleo'])).toBe('no failed sign-ins recorded for cleo\n');
    expect((await logIn(session, 'cleo', cleo.password)).location).toBe('/sca');
  });
});
