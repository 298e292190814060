import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csrfOf, oneTimeCodeOf, PsuHttpClient } from '../support/psu-http.js';
import { postAs, startAuthorizationFixture, type AuthorizationFixture } from '../authorization/authorization-fixture.js';
import { expectErrorPage } from '../authorization/page-assertions.js';
import { activeConsentsOf, authorizeAndRedeem, revocableConsentsOf, signInToDashboard } from './dashboard-http.js';

describe.each(['fapi2', 'stet'] as const)('PSU consent dashboard, profile %s', (profile) => {
  let fixture: AuthorizationFixture;
  let alice: PsuHttpClient;
  let bruno: PsuHttpClient;

  beforeAll(async () => {
    // The per-PSU lockout has its own suite (test/reliability/psu-lockout.test.ts): here it stays out of the way of
    // the per-sign-in limits, whose failures would otherwise lock out the PSU the next tests sign in as.
    fixture = await startAuthorizationFixture({ profile, extra: { psuLockout: { maxFailures: 100 } } });
    alice = new PsuHttpClient(fixture.server.issuer, fixture.server.pki.caCertPem);
    bruno = new PsuHttpClient(fixture.server.issuer, fixture.server.pki.caCertPem);
  });

  afterAll(async () => {
    await Promise.all([alice?.close(), bruno?.close()]);
    await fixture?.close();
  });

  const active = async (token: string) => (await postAs(fixture, '/introspect', fixture.a, { token })).json['active'];

  it('signs in with a __Host- session cookie (Secure, HttpOnly, SameSite, bounded) and serves strict pages', async () => {
    alice.clearCookies();
    const start = await alice.get('/consents');
    expect(start.headers.get('set-cookie')).toMatch(/^__Host-obas-dashboard=[A-Za-z0-9_-]{43}; Path=\/; Secure; HttpOnly; SameSite=(Lax|Strict); Max-Age=900$/);
    const login = await alice.get('/consents/login');
    expect(login.status).toBe(200);
    expect(login.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(login.body).not.toMatch(/<script|\sstyle=|\son[a-z]+=/i);
    expect(login.body).toContain('<label for="username">Username</label>');
    expect((await alice.get('/consents')).location).toBe('/consents/login');
  });

  it('lists the PSU’s consents by TPP, revokes one after confirmation, and its tokens stop working', async () => {
    const token = await authorizeAndRedeem(fixture, fixture.a, 'alice');
    await authorizeAndRedeem(fixture, fixture.b, 'alice');
    const dashboard = await signInToDashboard(alice, 'alice');
    expect(dashboard.status).toBe(200);
    expect(dashboard.body).toContain('Alice Smith, here are the services');
    expect(dashboard.body).toContain('<h3>Alpha Budgeting</h3>');
    expect(dashboard.body).toContain('<h3>Beta Payments</h3>');
    expect(dashboard.body).toContain('Accounts: Current account — 20-00-00 55779911');
    expect(revocableConsentsOf(dashboard)).toHaveLength(2);
    const [alpha] = activeConsentsOf(dashboard, 'Alpha Budgeting');
    expect(activeConsentsOf(dashboard, 'Beta Payments')).toHaveLength(1);
    expect(await active(token)).toBe(true);

    const confirm = await alice.get(`/consents/revoke?consent=${alpha}`);
    expect(confirm.status).toBe(200);
    expect(confirm.body).toContain('Revoke Alpha Budgeting’s access?');
    expect(confirm.body).toContain('What will stop working:');
    expect(confirm.body).toContain('>Cancel<');
    expect(revocableConsentsOf(await alice.get('/consents'))).toHaveLength(2);

    const revoked = await alice.post('/consents/revoke', { csrf: csrfOf(confirm), consent: alpha ?? '' });
    expect(revoked.status).toBe(303);
    expect(revoked.location).toBe('/consents?notice=revoked');
    const after = await alice.get(revoked.location ?? '');
    expect(after.body).toContain('Done: the service can no longer use this access.');
    expect(activeConsentsOf(after, 'Alpha Budgeting')).toEqual([]);
    expect(activeConsentsOf(after, 'Beta Payments')).toHaveLength(1);
    expect(after.body.indexOf(`id="consent-${alpha}"`)).toBeGreaterThan(after.body.indexOf('<h2>Ended</h2>'));
    expect(after.body).toContain('<p class="status">Revoked</p>');
    expect(await active(token)).toBe(false);

    const again = await alice.post('/consents/revoke', { csrf: csrfOf(after), consent: alpha ?? '' });
    expect(again.location).toBe('/consents?notice=not-revoked');
  });

  it('never lets another PSU see or revoke a consent', async () => {
    const token = await authorizeAndRedeem(fixture, fixture.a, 'alice');
    const aliceDashboard = await signInToDashboard(alice, 'alice');
    const aliceConsents = revocableConsentsOf(aliceDashboard);
    const brunoDashboard = await signInToDashboard(bruno, 'bruno');
    expect(brunoDashboard.body).toContain('No service has access to your bank.');
    for (const consentId of aliceConsents) expect(brunoDashboard.body).not.toContain(consentId);
    const target = aliceConsents[0] ?? '';
    const confirm = await bruno.get(`/consents/revoke?consent=${target}`);
    expect(confirm.location).toBe('/consents');
    const attempt = await bruno.post('/consents/revoke', { csrf: csrfOf(brunoDashboard), consent: target });
    expect(attempt.location).toBe('/consents?notice=not-revoked');
    expect(revocableConsentsOf(await alice.get('/consents'))).toEqual(aliceConsents);
    expect(await active(token)).toBe(true);
  });

  it('refuses a post without the session’s CSRF token, or from another origin', async () => {
    const dashboard = await signInToDashboard(alice, 'alice');
    const [target = 'none'] = revocableConsentsOf(dashboard);
    expectErrorPage(await alice.post('/consents/revoke', { csrf: 'forged', consent: target }), 'access_denied');
    expectErrorPage(await alice.post('/consents/revoke', { consent: target }), 'access_denied');
    expectErrorPage(await alice.post('/consents/revoke', { csrf: csrfOf(dashboard), consent: target }, { origin: 'https://evil.example' }), 'access_denied');
    expectErrorPage(await alice.post('/consents/logout', { csrf: csrfOf(dashboard) }, { origin: 'https://evil.example' }), 'access_denied');
    expect(revocableConsentsOf(await alice.get('/consents'))).toContain(target);
  });

  it('ends the session after five wrong passwords or three wrong codes', async () => {
    alice.clearCookies();
    await alice.get('/consents');
    const login = await alice.get('/consents/login');
    let last = login;
    for (let i = 0; i < 5; i++) last = await alice.post('/consents/login', { csrf: csrfOf(login), username: 'alice', password: 'wrong' });
    expect(last.status).toBe(403);
    expect(last.body).toContain('Too many failed attempts');
    expect(last.headers.get('set-cookie')).toMatch(/^__Host-obas-dashboard=; .*Max-Age=0$/);

    alice.clearCookies();
    await alice.get('/consents');
    const again = await alice.get('/consents/login');
    await alice.post('/consents/login', { csrf: csrfOf(again), username: 'alice', password: 'sandbox-alice' });
    let sca = await alice.get('/consents/sca');
    for (let i = 0; i < 3; i++) {
      const wrong = String((Number(oneTimeCodeOf(sca)) + 1) % 1_000_000).padStart(6, '0');
      sca = await alice.post('/consents/sca', { csrf: csrfOf(again), otp: wrong });
    }
    expect(sca.status).toBe(403);
    expect(sca.body).toContain('Too many failed attempts');
  });

  it('logs out: the session ends and the dashboard asks to sign in again', async () => {
    const dashboard = await signInToDashboard(alice, 'alice');
    const out = await alice.post('/consents/logout', { csrf: csrfOf(dashboard) });
    expect(out.status).toBe(200);
    expect(out.body).toContain('You have logged out');
    expect(out.headers.get('set-cookie')).toMatch(/Max-Age=0$/);
    expect((await alice.get('/consents')).location).toBe('/consents/login');
  });

  it('speaks French under /fr', async () => {
    await authorizeAndRedeem(fixture, fixture.a, 'bruno');
    const dashboard = await signInToDashboard(bruno, 'bruno', '/fr');
    expect(dashboard.body).toContain('<html lang="fr">');
    expect(dashboard.body).toContain('Services connectés à votre banque');
    expect(dashboard.body).toContain('Comptes : Compte courant — FR7630006000011234567890189');
    expect(dashboard.body).toContain('Retirer l’accès');
    const [target] = revocableConsentsOf(dashboard);
    const confirm = await bruno.get(`/fr/consents/revoke?consent=${target}`);
    expect(confirm.body).toContain('Ce qui cessera de fonctionner :');
    const revoked = await bruno.post('/fr/consents/revoke', { csrf: csrfOf(confirm), consent: target ?? '' });
    expect(revoked.location).toBe('/fr/consents?notice=revoked');
    expect((await bruno.get(revoked.location ?? '')).body).toContain('C’est fait');
  });
});
