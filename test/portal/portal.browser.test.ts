import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchChromium } from '../support/chromium.js';
import { startTestObas, type TestObas } from '../support/obas-harness.js';

const HEADINGS = {
  en: { home: 'obas, open banking authorization server', guide: 'Onboarding', api: 'API reference' },
  fr: { home: 'obas, serveur d’autorisation open banking', guide: 'Premiers pas', api: 'Référence de l’API' },
} as const;

type Language = keyof typeof HEADINGS;

/** Console errors and warnings, uncaught exceptions and failed requests of a page. */
function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()} ${message.location().url}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()} ${request.failure()?.errorText ?? ''}`));
  return problems;
}

describe.skipIf(!browserAvailable)('developer portal in Chromium', () => {
  let browser: Browser;
  let server: TestObas;

  beforeAll(async () => {
    [browser, server] = await Promise.all([launchChromium(), startTestObas({ profile: 'fapi2' })]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Every same-origin link of the page, without its fragment, answers 200 (redirects followed). */
  async function expectLinksResolve(page: Page, context: BrowserContext): Promise<number> {
    const hrefs = await page.locator('a[href]').evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute('href') ?? ''));
    const absolute = hrefs.map((href) => new URL(href, page.url()));
    const sameOrigin = [...new Set(absolute.filter((url) => url.origin === server.issuer).map((url) => `${url.origin}${url.pathname}${url.search}`))];
    for (const href of sameOrigin) {
      const response = await context.request.get(href);
      expect(response.status(), href).toBe(200);
    }
    return sameOrigin.length;
  }

  it.each(['en', 'fr'] as Language[])('in %s: the landing page and the guide render, every link resolves, no console errors', async (language) => {
    const context = await browser.newContext({ ignoreHTTPSErrors: true, locale: language === 'fr' ? 'fr-FR' : 'en-GB' });
    const page = await context.newPage();
    const problems = watchProblems(page);
    const prefix = language === 'en' ? '' : `/${language}`;

    await page.goto(`${server.issuer}${prefix || '/'}`);
    expect(await page.locator('h1').textContent()).toBe(HEADINGS[language].home);
    expect(await expectLinksResolve(page, context)).toBeGreaterThanOrEqual(10);

    for (const path of ['/docs', '/docs/flows', '/docs/errors']) {
      await page.goto(`${server.issuer}${prefix}${path}`);
      expect(await page.locator('html').getAttribute('lang'), path).toBe(language);
      expect(await expectLinksResolve(page, context), path).toBeGreaterThan(0);
    }
    await page.goto(`${server.issuer}${prefix}/docs`);
    expect(await page.locator('h1').textContent()).toBe(HEADINGS[language].guide);
    await expect(page.locator('pre code', { hasText: 'obas pki issue-tpp' }).count()).resolves.toBeGreaterThan(0);
    await context.close();
    expect(problems).toEqual([]);
  });

  it.each(['en', 'fr'] as Language[])('in %s: Swagger UI renders the obas operations of the OpenAPI document, no console errors', { timeout: 60_000 }, async (language) => {
    const context = await browser.newContext({ ignoreHTTPSErrors: true });
    const page = await context.newPage();
    const problems = watchProblems(page);
    await page.goto(`${server.issuer}/${language}/docs/api`);
    const token = page.locator('.opblock-summary-path[data-path="/token"]');
    await token.first().waitFor({ timeout: 30_000 });
    expect(await page.locator('main > h1').textContent()).toBe(HEADINGS[language].api);
    await expect(page.locator('.opblock-summary-path[data-path="/register/{clientId}"]').count()).resolves.toBeGreaterThan(0);
    await token.first().click();
    await page.locator('.opblock-body').first().waitFor();
    await expect(page.locator('.try-out__btn').count()).resolves.toBe(0);
    expect(await expectLinksResolve(page, context)).toBeGreaterThan(0);
    await context.close();
    expect(problems).toEqual([]);
  });
});
