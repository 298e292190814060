import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchChromium } from '../support/chromium.js';
import { startAuthorizationFixture, type AuthorizationFixture } from '../authorization/authorization-fixture.js';
import { DASHBOARD_TEXTS, revokeOnDashboard, signInOnDashboard, type DashboardLanguage } from './dashboard-browser.js';
import { authorizeAndRedeem } from './dashboard-http.js';

describe.skipIf(!browserAvailable)('PSU consent dashboard in Chromium', () => {
  let browser: Browser;
  let fixture: AuthorizationFixture;

  beforeAll(async () => {
    [browser, fixture] = await Promise.all([launchChromium(), startAuthorizationFixture({ profile: 'stet' })]);
  });

  afterAll(async () => {
    await browser?.close();
    await fixture?.close();
  });

  it.each([
    ['en', 'alice'],
    ['fr', 'bruno'],
  ] as [DashboardLanguage, string][])('in %s: log in, see a consent, revoke it after confirming, no console errors', async (language, username) => {
    const token = await authorizeAndRedeem(fixture, fixture.a, username);
    expect(token).not.toBe('');
    const context = await browser.newContext({ ignoreHTTPSErrors: true, locale: language === 'fr' ? 'fr-FR' : 'en-GB' });
    const page = await context.newPage();
    const problems: string[] = [];
    // Chromium asks for /favicon.ico on its own (the pages declare none, CSP allows no data: icon): its 404 is no page problem.
    page.on('console', (message) => {
      const favicon = message.location().url.endsWith('/favicon.ico');
      if ((message.type() === 'error' || message.type() === 'warning') && !favicon) problems.push(`${message.text()} ${message.location().url}`);
    });
    page.on('pageerror', (error) => problems.push(error.message));

    await signInOnDashboard(page, fixture.server.issuer, username, language);
    const alpha = page.locator('section.tpp', { has: page.getByRole('heading', { level: 3, name: 'Alpha Budgeting' }) });
    await expect(alpha.count()).resolves.toBe(1);
    await revokeOnDashboard(page, 'Alpha Budgeting', language);
    const ended = await page.locator('main').textContent();
    expect(ended?.indexOf('Alpha Budgeting')).toBeGreaterThan(ended?.indexOf(DASHBOARD_TEXTS[language].ended) ?? Infinity);
    await page.getByRole('button', { name: DASHBOARD_TEXTS[language].logOut }).click();
    await page.waitForURL(/\/consents\/logout$/);
    await context.close();
    expect(problems).toEqual([]);
  });
});
