import { chromium, type Browser, type BrowserContext } from 'playwright-core';

/** Debian's Chromium, which CI installs when browser tests exist (`.ci/run`). */
const CHROMIUM = '/usr/bin/chromium';

/** Launches headless Chromium, quiet: no background networking, updates, sync or QUIC. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/**
 * A fresh browser context (its own cookies) that accepts the dev CA's server certificate, and answers navigations to
 * the TPPs' redirect URIs itself with a tiny callback page: the URL the browser lands on is the authorization response.
 */
export async function tppBrowserContext(browser: Browser, tppOrigins: readonly string[], locale = 'en-GB'): Promise<BrowserContext> {
  const context = await browser.newContext({ ignoreHTTPSErrors: true, locale });
  for (const origin of tppOrigins) {
    await context.route(`${origin}/**`, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>TPP</title><p>Back at the TPP</p>' }),
    );
  }
  return context;
}
