import { expect } from 'vitest';
import { authorizeAsPsu, csrfOf, oneTimeCodeOf, type PageExchange, type PsuHttpClient } from '../support/psu-http.js';
import {
  authorizationParameters,
  pkcePair,
  profileAuthorizeUrl,
  redeemCode,
  responseParameters,
  type AuthorizationFixture,
  type TppClient,
} from '../authorization/authorization-fixture.js';

/**
 * Signs a sandbox PSU in on the dashboard over HTTP (`/consents` → login → one-time code) and resolves the dashboard.
 * `prefix`: '' or a language prefix such as '/fr'.
 */
export async function signInToDashboard(client: PsuHttpClient, username: string, prefix = ''): Promise<PageExchange> {
  client.clearCookies();
  const start = await client.get(`${prefix}/consents`);
  expect(start.status).toBe(303);
  expect(start.location).toBe(`${prefix}/consents/login`);
  const login = await client.get(`${prefix}/consents/login`);
  const loggedIn = await client.post(`${prefix}/consents/login`, { csrf: csrfOf(login), username, password: `sandbox-${username}` });
  expect(loggedIn.location).toBe(`${prefix}/consents/sca`);
  const sca = await client.get(`${prefix}/consents/sca`);
  const confirmed = await client.post(`${prefix}/consents/sca`, { csrf: csrfOf(sca), otp: oneTimeCodeOf(sca) });
  expect(confirmed.location).toBe(`${prefix}/consents`);
  return client.get(`${prefix}/consents`);
}

/**
 * A PSU authorizes `client` in the fixture's profile (an `authorization` consent in STET and FAPI 2.0) and the client
 * redeems the code. Resolves the access token.
 */
export async function authorizeAndRedeem(fixture: AuthorizationFixture, client: TppClient, username: string): Promise<string> {
  const { verifier, challenge } = await pkcePair();
  fixture.psu.clearCookies();
  const url = await profileAuthorizeUrl(fixture, client, authorizationParameters(fixture, client, challenge));
  const code = responseParameters(await authorizeAsPsu(fixture.psu, url, { username })).get('code') ?? '';
  const redeemed = await redeemCode(fixture, client, code, verifier);
  expect(redeemed.status).toBe(200);
  return String(redeemed.json['access_token']);
}

/** The ids of the consents with a Revoke button on a dashboard page. */
export function revocableConsentsOf(page: PageExchange): string[] {
  return [...page.body.matchAll(/<input type="hidden" name="consent" value="([^"]+)"><button type="submit" class="secondary">/g)].map((match) => match[1] ?? '');
}

/** The ids of the active consents of one TPP (by its shown name) on a dashboard page. */
export function activeConsentsOf(page: PageExchange, tppName: string): string[] {
  const activeSection = page.body.slice(0, page.body.indexOf('<h2>') === -1 ? undefined : nthIndexOf(page.body, '<h2>', 2));
  const start = activeSection.indexOf(`<h3>${tppName}</h3>`);
  if (start === -1) return [];
  const group = activeSection.slice(start, activeSection.indexOf('</section>', start));
  return revocableConsentsOf({ ...page, body: group });
}

function nthIndexOf(text: string, search: string, n: number): number {
  let index = -1;
  for (let i = 0; i < n; i++) {
    index = text.indexOf(search, index + 1);
    if (index === -1) return text.length;
  }
  return index;
}
