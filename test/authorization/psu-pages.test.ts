import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountInputsOf, csrfOf, oneTimeCodeOf, type PageExchange } from '../support/psu-http.js';
import { authorizationParameters, authorizeUrl, formOf, pkcePair, startAuthorizationFixture, type AuthorizationFixture } from './authorization-fixture.js';
import { expectErrorPage, expectErrorRedirect } from './page-assertions.js';

describe('PSU pages, profile stet', () => {
  let fixture: AuthorizationFixture;

  beforeAll(async () => {
    // The per-PSU lockout has its own suite (test/reliability/psu-lockout.test.ts): here it stays out of the way of
    // the per-sign-in limits, whose failures would otherwise lock out the PSU the next tests sign in as.
    fixture = await startAuthorizationFixture({ profile: 'stet', extra: { psuLockout: { maxFailures: 100 } } });
  });

  afterAll(async () => {
    await fixture?.close();
  });

  /** A fresh interaction: resolves the login page. */
  async function start(headers: Record<string, string> = {}, loginPath = '/login'): Promise<PageExchange> {
    fixture.psu.clearCookies();
    const query = formOf(authorizationParameters(fixture, fixture.a, (await pkcePair()).challenge));
    const started = await fixture.psu.get(authorizeUrl(fixture, query));
    expect(started.location).toBe('/login');
    return fixture.psu.get(loginPath, headers);
  }

  async function logIn(): Promise<PageExchange> {
    const login = await start();
    const posted = await fixture.psu.post('/login', { csrf: csrfOf(login), username: 'bruno', password: 'sandbox-bruno' });
    expect(posted.location).toBe('/sca');
    return fixture.psu.get('/sca');
  }

  async function toConsent(): Promise<PageExchange> {
    const sca = await logIn();
    const confirmed = await fixture.psu.post('/sca', { csrf: csrfOf(sca), otp: oneTimeCodeOf(sca) });
    expect(confirmed.location).toBe('/consent');
    return fixture.psu.get('/consent');
  }

  it('sets a __Host- session cookie that is Secure, HttpOnly and SameSite', async () => {
    fixture.psu.clearCookies();
    const started = await fixture.psu.get(authorizeUrl(fixture, formOf(authorizationParameters(fixture, fixture.a, (await pkcePair()).challenge))));
    expect(started.headers.get('set-cookie')).toMatch(/^__Host-obas-interaction=[A-Za-z0-9_-]{43}; Path=\/; Secure; HttpOnly; SameSite=Lax; Max-Age=600$/);
  });

  it('serve pages with a strict CSP, no script, no framing, and labelled form fields', async () => {
    const login = await start();
    expect(login.status).toBe(200);
    const csp = login.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('script-src');
    expect(csp).not.toContain('unsafe-inline');
    expect(login.headers.get('x-frame-options')).toBe('DENY');
    expect(login.headers.get('cache-control')).toBe('no-store');
    expect(login.body).not.toMatch(/<script|\sstyle=|\son[a-z]+=/i);
    for (const id of ['username', 'password']) {
      expect(login.body).toContain(`<label for="${id}">`);
      expect(login.body).toContain(`id="${id}"`);
    }
    expect(login.body).toContain('<html lang="en">');
    expect(login.body).toContain('Alpha Budgeting');
    const css = await fixture.psu.get('/assets/obas.css');
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('speak French by path prefix, ?lang= or Accept-Language, English otherwise', async () => {
    const french = [await start({}, '/fr/login'), await start({}, '/login?lang=fr'), await start({ 'accept-language': 'de-DE, fr-CA;q=0.8, en;q=0.5' })];
    for (const page of french) {
      expect(page.body).toContain('<html lang="fr">');
      expect(page.body).toContain('Connectez-vous à votre banque');
      expect(page.body).toContain('<label for="password">Mot de passe</label>');
    }
    expect((await start({ 'accept-language': 'de, es;q=0.9' })).body).toContain('<html lang="en">');
    const prefixed = await start({}, '/fr/login');
    const posted = await fixture.psu.post('/fr/login', { csrf: csrfOf(prefixed), username: 'bruno', password: 'sandbox-bruno' });
    expect(posted.location).toBe('/fr/sca');
  });

  it('keep secrets out of URLs: the password is posted, redirects carry nothing', async () => {
    const login = await start();
    expect(login.body).toContain('<form method="post" action="/login">');
    const posted = await fixture.psu.post('/login', { csrf: csrfOf(login), username: 'bruno', password: 'sandbox-bruno' });
    expect(posted.location).toBe('/sca');
    expect(posted.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('refuse posts without the CSRF token or from another origin', async () => {
    const login = await start();
    const noToken = await fixture.psu.post('/login', { username: 'bruno', password: 'sandbox-bruno' });
    expectErrorPage(noToken, 'access_denied', 'The form was not posted from this site');
    const crossSite = await fixture.psu.post('/login', { csrf: csrfOf(login), username: 'bruno', password: 'sandbox-bruno' }, { origin: 'https://evil.example' });
    expect(crossSite.status).toBe(403);
  });

  it('show the session-ended page without a session', async () => {
    fixture.psu.clearCookies();
    const page = await fixture.psu.get('/consent');
    expectErrorPage(page, 'invalid_request', 'DS24 WaitingTimeExpired');
    expect(page.body).toContain('Your session has ended');
  });

  it('tell a wrong password, and end with access_denied after five', async () => {
    const login = await start();
    const csrf = csrfOf(login);
    for (let attempt = 1; attempt < 5; attempt++) {
      const wrong = await fixture.psu.post('/login', { csrf, username: 'bruno', password: 'wrong' });
      expect(wrong.status).toBe(200);
      expect(wrong.body).toContain('role="alert"');
      expect(wrong.body).toContain('value="bruno"');
    }
    const last = await fixture.psu.post('/login', { csrf, username: 'bruno', password: 'wrong' });
    const error = expectErrorRedirect(last, fixture.a.redirectUri, 'access_denied');
    expect(error.get('error_description')).toBe('AG01 TransactionForbidden: The PSU could not be authenticated');
    expect(last.headers.get('set-cookie')).toMatch(/Max-Age=0/);
  });

  it('refuse an unknown user like a wrong password', async () => {
    const login = await start();
    const unknown = await fixture.psu.post('/login', { csrf: csrfOf(login), username: 'mallory', password: 'sandbox-mallory' });
    expect(unknown.status).toBe(200);
    expect(unknown.body).toContain('The username or password is not right');
  });

  it('send a new one-time code after a wrong one, and end with access_denied after three', async () => {
    const sca = await logIn();
    const wrongCode = String((Number(oneTimeCodeOf(sca)) + 1) % 1_000_000).padStart(6, '0');
    const first = await fixture.psu.post('/sca', { csrf: csrfOf(sca), otp: wrongCode });
    expect(first.status).toBe(200);
    expect(first.body).toContain('That code is not right');
    await fixture.psu.post('/sca', { csrf: csrfOf(sca), otp: '12345' });
    const last = await fixture.psu.post('/sca', { csrf: csrfOf(sca), otp: 'abcdef' });
    expectErrorRedirect(last, fixture.a.redirectUri, 'access_denied');
  });

  it('send the PSU back to the current step', async () => {
    await logIn();
    expect((await fixture.psu.get('/login')).location).toBe('/sca');
    expect((await fixture.psu.get('/fr/consent')).location).toBe('/fr/sca');
  });

  it("show the TPP's registered name, the permissions in plain words and the PSU's own accounts", async () => {
    const consent = await toConsent();
    expect(consent.body).toContain('<h1>Allow Alpha Budgeting?</h1>');
    expect(consent.body).toContain('See your accounts, balances and transactions of the last 90 days');
    expect(consent.body).toContain('See your transactions older than 90 days, this time only');
    expect(accountInputsOf(consent)).toEqual([
      ['account_0', 'acc-bruno-courant'],
      ['account_1', 'acc-bruno-livret'],
    ]);
    expect(consent.body).toContain('FR7630006000011234567890189');
    expect(consent.body).toContain('<legend>Choose the accounts to share</legend>');
  });

  it('ask again when no account is chosen, and refuse accounts that are not the PSU’s', async () => {
    const consent = await toConsent();
    const none = await fixture.psu.post('/consent', { csrf: csrfOf(consent), decision: 'allow' });
    expect(none.status).toBe(200);
    expect(none.body).toContain('Choose at least one account, or deny.');
    const foreign = await fixture.psu.post('/consent', { csrf: csrfOf(consent), decision: 'allow', account_0: 'acc-alice-current' });
    expectErrorPage(foreign, 'invalid_request', 'Only accounts of the PSU can be chosen');
  });

  it('decide once: of two simultaneous Allow posts, one issues a code', async () => {
    const consent = await toConsent();
    const fields = { csrf: csrfOf(consent), decision: 'allow', account_1: 'acc-bruno-livret' };
    const results = await Promise.all([fixture.psu.post('/consent', fields), fixture.psu.post('/consent', fields)]);
    const codes = results.filter((result) => result.location?.startsWith(fixture.a.redirectUri) === true);
    expect(codes).toHaveLength(1);
    expect(results.filter((result) => result.status >= 400)).toHaveLength(1);
  });
});
