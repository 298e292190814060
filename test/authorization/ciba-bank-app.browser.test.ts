import * as oauth from 'oauth4webapi';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchChromium } from '../support/chromium.js';
import { signInOnDashboard, type DashboardLanguage } from '../dashboard/dashboard-browser.js';
import { pollToken, signedRequest, startCibaFixture, startRequest, type CibaFixture } from './ciba-fixture.js';

const TEXTS = {
  en: { title: 'Bank app: pending requests', approve: 'Approve', approved: 'Request approved.', from: 'Request from Polly Budget' },
  fr: { title: 'Application bancaire : demandes en attente', approve: 'Accepter', approved: 'Demande acceptée.', from: 'Demande de Polly Budget' },
} as const;

describe.skipIf(!browserAvailable)('the CIBA bank app in Chromium', () => {
  let browser: Browser;
  let fixture: CibaFixture;

  beforeAll(async () => {
    [browser, fixture] = await Promise.all([launchChromium(), startCibaFixture()]);
  });

  afterAll(async () => {
    await browser?.close();
    await fixture?.close();
  });

  it.each(['en', 'fr'] as DashboardLanguage[])('the PSU signs in, sees the binding message and approves (%s); the client gets its tokens', async (language) => {
    const message = `BROWSER-${language.toUpperCase()}`;
    const response = await startRequest(fixture, fixture.poll, await signedRequest(fixture, fixture.poll, { binding_message: message }));
    const started = await oauth.processBackchannelAuthenticationResponse(fixture.as, fixture.poll.client, response);
    const context = await browser.newContext({ ignoreHTTPSErrors: true, locale: language === 'en' ? 'en-GB' : 'fr-FR' });
    try {
      const page = await context.newPage();
      const texts = TEXTS[language];
      const prefix = language === 'en' ? '' : `/${language}`;
      await signInOnDashboard(page, fixture.server.issuer, 'alice', language);
      await page.goto(`${fixture.server.issuer}${prefix}/bank-app`);
      expect(await page.locator('h1').textContent()).toBe(texts.title);
      const entry = page.locator('section', { has: page.getByRole('heading', { level: 2, name: texts.from }) }).filter({ hasText: message });
      expect(await entry.locator('.binding-message').textContent()).toBe(message);
      await entry.getByRole('button', { name: texts.approve }).click();
      await page.waitForURL(/\/bank-app\?notice=approved$/);
      expect(await page.getByRole('status').textContent()).toBe(texts.approved);
      expect(await page.textContent('main')).not.toContain(message);
    } finally {
      await context.close();
    }
    const tokens = await oauth.processBackchannelAuthenticationGrantResponse(fixture.as, fixture.poll.client, await pollToken(fixture, fixture.poll, started.auth_req_id));
    expect(tokens.access_token).toEqual(expect.any(String));
  }, 60_000);
});
