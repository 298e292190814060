import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UkConsentResource } from '../../src/consent/uk/uk-consent-request.js';
import {
  authorizationParameters,
  createIntent,
  pkcePair,
  profileAuthorizeUrl,
  redeemCode,
  responseParameters,
  startAuthorizationFixture,
  type AuthorizationFixture,
} from '../authorization/authorization-fixture.js';
import { revokeOnDashboard, signInOnDashboard, type DashboardLanguage } from '../dashboard/dashboard-browser.js';
import { browserAvailable, launchChromium, tppBrowserContext } from '../support/chromium.js';
import { UK_STATUS, consumeAsResourceServer, introspectAsResourceServer, refreshAs, ukConsentData } from '../support/uk-consent-journey.js';
import { validUkConsentBody, withMember, type UkVersion } from './uk-consent-bodies.js';

const TPP_NAME = 'Alpha Budgeting';

describe.skipIf(!browserAvailable)('UK consent journeys in Chromium', () => {
  let browser: Browser;
  let fixture: AuthorizationFixture;

  beforeAll(async () => {
    [browser, fixture] = await Promise.all([launchChromium(), startAuthorizationFixture({ profile: 'uk-ob' })]);
  });

  afterAll(async () => {
    await browser?.close();
    await fixture?.close();
  });

  /** A browser context as the PSU's, recording every console error or warning and page error (but Chromium's favicon 404). */
  async function psuBrowser(): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
    const context = await tppBrowserContext(browser, ['https://tpp-a.example']);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      const favicon = message.location().url.endsWith('/favicon.ico');
      if ((message.type() === 'error' || message.type() === 'warning') && !favicon) problems.push(`${message.text()} ${message.location().url}`);
    });
    page.on('pageerror', (error) => problems.push(error.message));
    return { context, page, problems };
  }

  /**
   * TPP `a` stages a consent and sends the PSU's browser to authorise it; alice logs in, types the code shown, and on the
   * consent page runs `onConsentPage` (choose accounts, read the page) before allowing. Resolves the consent id, the
   * code the TPP received and the PKCE verifier.
   */
  async function authoriseInBrowser(
    page: Page,
    staged: { resource: UkConsentResource; version: UkVersion; body: unknown; scope: string },
    onConsentPage: (page: Page) => Promise<void>,
  ): Promise<{ consentId: string; code: string; verifier: string }> {
    const consentId = await createIntent(fixture, fixture.a, staged.body, staged.resource, staged.version);
    const { verifier, challenge } = await pkcePair();
    const parameters = { ...authorizationParameters(fixture, fixture.a, challenge, consentId), scope: staged.scope };
    await page.goto(await profileAuthorizeUrl(fixture, fixture.a, parameters));
    await page.getByLabel('Username').fill('alice');
    await page.getByLabel('Password').fill('sandbox-alice');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(/\/sca$/);
    const otp = /(\d{6})/.exec((await page.locator('#sandbox-code').textContent()) ?? '')?.[1] ?? '';
    await page.getByLabel('One-time code').fill(otp);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(/\/consent$/);
    expect(await page.locator('h1').textContent()).toBe(`Allow ${TPP_NAME}?`);
    await onConsentPage(page);
    await page.getByRole('button', { name: 'Allow' }).click();
    await page.waitForURL(/^https:\/\/tpp-a\.example\/cb/);
    const code = responseParameters(page.url()).get('code');
    expect(code, page.url()).toEqual(expect.any(String));
    return { consentId, code: code ?? '', verifier };
  }

  it.each([
    ['en', 'v3.1'],
    ['fr', 'v4.0'],
  ] as [DashboardLanguage, UkVersion][])(
    'account access: authorised for one of two accounts, revoked by the PSU on the dashboard in %s, then the refresh asks to reauthenticate',
    async (language, version) => {
      const { context, page, problems } = await psuBrowser();
      const { consentId, code, verifier } = await authoriseInBrowser(
        page,
        { resource: 'account-access-consents', version, body: validUkConsentBody('account-access-consents', version, new Date()), scope: 'openid accounts' },
        async (consentPage) => {
          await expect(consentPage.getByRole('checkbox').count()).resolves.toBe(2);
          await consentPage.getByRole('checkbox', { name: /Savings account/ }).check();
        },
      );
      const redeemed = await redeemCode(fixture, fixture.a, code, verifier);
      expect(redeemed.status, JSON.stringify(redeemed.json)).toBe(200);
      const tokens = redeemed.json as Record<string, string>;
      expect(await introspectAsResourceServer(fixture, tokens['access_token'] ?? '')).toMatchObject({
        active: true,
        consent: { id: consentId, status: 'Authorised', accounts: ['acc-alice-savings'] },
      });

      await signInOnDashboard(page, fixture.server.issuer, 'alice', language);
      await revokeOnDashboard(page, TPP_NAME, language);
      await context.close();

      expect((await ukConsentData(fixture, 'account-access-consents', version, consentId))['Status']).toBe(UK_STATUS[version].revoked);
      expect(await introspectAsResourceServer(fixture, tokens['access_token'] ?? '')).toStrictEqual({ active: false });
      const refreshed = await refreshAs(fixture, tokens['refresh_token'] ?? '');
      expect(refreshed.status).toBe(400);
      expect(refreshed.json['error']).toBe('invalid_grant');
      expect(String(refreshed.json['error_description'])).toMatch(/^U028 UK\.OBIE\.Reauthenticate: The consent was revoked/);
      expect(problems).toEqual([]);
    },
  );

  it('payment: the consent page shows amount and creditor, the PSU picks the account to pay from; once consumed, no tokens', async () => {
    const { context, page, problems } = await psuBrowser();
    const body = withMember(validUkConsentBody('domestic-payment-consents', 'v4.0', new Date()), 'Data.Initiation.DebtorAccount', undefined);
    const { consentId, code, verifier } = await authoriseInBrowser(
      page,
      { resource: 'domestic-payment-consents', version: 'v4.0', body, scope: 'openid payments' },
      async (consentPage) => {
        const main = consentPage.locator('main');
        await expect(main.getByText('Pay 165.88 GBP to Northfield Joinery Ltd', { exact: true }).isVisible()).resolves.toBe(true);
        await expect(main.getByText('Paid into: Northfield Joinery Ltd — 40400411223344', { exact: true }).isVisible()).resolves.toBe(true);
        await expect(main.getByText('Choose the account to pay from').isVisible()).resolves.toBe(true);
        await expect(consentPage.getByRole('radio').count()).resolves.toBe(2);
        await consentPage.getByRole('radio', { name: /Current account/ }).check();
      },
    );
    await context.close();
    expect((await ukConsentData(fixture, 'domestic-payment-consents', 'v4.0', consentId))['Status']).toBe('AUTH');

    expect(await consumeAsResourceServer(fixture, consentId)).toStrictEqual({ status: 200, json: { consent_id: consentId, status: 'Consumed' } });
    expect((await ukConsentData(fixture, 'domestic-payment-consents', 'v4.0', consentId))['Status']).toBe('COND');
    const redeemed = await redeemCode(fixture, fixture.a, code, verifier);
    expect(redeemed.status).toBe(400);
    expect(redeemed.json).toStrictEqual({
      error: 'invalid_grant',
      error_description: 'U009 UK.OBIE.Resource.InvalidConsentStatus: The payment consent was consumed',
    });
    expect(problems).toEqual([]);
  });
});
