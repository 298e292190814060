import { accessSync, constants, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { requireOrSkip } from './suite-requirement.js';

/** Where Chromium usually is: Debian's package (which `.ci/run` installs), Ubuntu's, Google Chrome. */
const SYSTEM_BROWSERS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/** Executables inside playwright's browser cache (`npx playwright install chromium`), newest build first. */
function playwrightBrowsers(): string[] {
  const cache = process.env['PLAYWRIGHT_BROWSERS_PATH'] || join(homedir(), '.cache', 'ms-playwright');
  let builds: string[];
  try {
    builds = readdirSync(cache).filter((name) => name.startsWith('chromium')).sort().reverse();
  } catch {
    return [];
  }
  return builds.flatMap((build) => ['chrome-linux64/chrome', 'chrome-linux/chrome', 'chrome-linux/headless_shell'].map((file) => join(cache, build, file)));
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The browser the suites drive: `OBAS_CHROMIUM` when set (it must exist), else the first usual location that does. */
function findChromium(): string | undefined {
  const chosen = process.env['OBAS_CHROMIUM'];
  if (chosen !== undefined && chosen !== '') {
    if (!isExecutable(chosen)) throw new Error(`OBAS_CHROMIUM=${chosen} is not an executable file`);
    return chosen;
  }
  return [...SYSTEM_BROWSERS, ...playwrightBrowsers()].find(isExecutable);
}

const CHROMIUM = findChromium();

/**
 * Whether the browser suites run (`describe.skipIf(!browserAvailable)`). Without a browser they skip with one line
 * saying what to install, unless `OBAS_REQUIRE_BROWSER=1` (CI), which makes the missing browser an error.
 */
export const browserAvailable = requireOrSkip(CHROMIUM !== undefined, {
  variable: 'OBAS_REQUIRE_BROWSER',
  missing: 'Chromium',
  install: 'apt-get install -y chromium, or set OBAS_CHROMIUM to a Chromium or Chrome executable',
});

/** Launches headless Chromium, quiet: no background networking, updates, sync or QUIC. */
export function launchChromium(): Promise<Browser> {
  if (CHROMIUM === undefined) throw new Error('no Chromium: guard the suite with describe.skipIf(!browserAvailable)');
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
