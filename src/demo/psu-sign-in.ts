import { textOfElement, titleOf } from './html-forms.js';
import type { Page, PsuBrowser } from './psu-browser.js';

/** A sandbox PSU's login (configuration `sandbox.psus`; alice / sandbox-alice by default). */
export interface PsuCredentials {
  readonly username: string;
  readonly password: string;
}

/**
 * Signs a sandbox PSU in from a login page, as on the authorization pages and the consent dashboard alike: the login
 * form, then the one-time code that stands in for SCA, read where the sandbox page shows it. Resolves the page the
 * sign-in leads to. `remember` learns the one-time code, a secret the transcript must not show.
 */
export async function signInAsPsu(browser: PsuBrowser, loginPage: Page, psu: PsuCredentials, remember: (secret: string) => void): Promise<Page> {
  const loggedIn = await browser.fill(loginPage, 'password', { username: psu.username, password: psu.password });
  const secondFactor = await browser.follow(expectRedirect(loggedIn, `the login of ${psu.username}`));
  const code = /\b(\d{6})\b/.exec(textOfElement(secondFactor.body, 'sandbox-code') ?? '')?.[1];
  if (code === undefined) throw new Error(`${secondFactor.url} shows no sandbox one-time code (is it a sandbox PSU?)`);
  remember(code);
  const confirmed = await browser.fill(secondFactor, 'otp', { otp: code });
  return browser.follow(expectRedirect(confirmed, 'the one-time code'));
}

/** The page when it is a redirect; an Error naming what was refused otherwise (a form shown again, an error page). */
export function expectRedirect(page: Page, what: string): Page {
  if (page.status === 303 || page.status === 302) return page;
  throw new Error(`${what} was not accepted: ${page.url} answered ${page.status} (${titleOf(page.body) || 'no title'})`);
}
