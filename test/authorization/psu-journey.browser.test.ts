import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';
import * as oauth from 'oauth4webapi';
import type { Browser, Page } from 'playwright-core';
import { fetch as undiciFetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchChromium, tppBrowserContext } from '../support/chromium.js';
import {
  ACCOUNT_ACCESS,
  authorizationParameters,
  authorizeUrl,
  clientAuthOf,
  createIntent,
  formOf,
  over,
  pkcePair,
  signRequestObject,
  startAuthorizationFixture,
  type AuthorizationFixture,
  type ProfileCase,
} from './authorization-fixture.js';

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

/** The PSU's part, as a person would do it: log in, type the code shown, tick the first account, decide. */
async function psuAuthorizes(page: Page, decision: 'Allow' | 'Deny', tppName: string): Promise<void> {
  expect(await page.title()).toContain('Log in to your bank');
  expect(await page.textContent('main')).toContain(tppName);
  await page.getByLabel('Username').fill('alice');
  await page.getByLabel('Password').fill('sandbox-alice');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL(/\/sca$/);
  const code = /(\d{6})/.exec((await page.locator('#sandbox-code').textContent()) ?? '')?.[1] ?? '';
  await page.getByLabel('One-time code').fill(code);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL(/\/consent$/);
  expect(await page.locator('h1').textContent()).toBe(`Allow ${tppName}?`);
  if (decision === 'Allow') await page.getByRole('checkbox').first().check();
  await page.getByRole('button', { name: decision }).click();
}

describe.skipIf(!browserAvailable).each(['uk-ob', 'fapi2', 'stet'] as ProfileCase[])('PSU journey in Chromium, profile %s', (profile) => {
  let fixture: AuthorizationFixture;
  let client: oauth.Client;

  beforeAll(async () => {
    fixture = await startAuthorizationFixture({ profile });
    client = {
      client_id: fixture.a.clientId,
      use_mtls_endpoint_aliases: true,
      ...(profile === 'uk-ob' ? { id_token_signed_response_alg: 'PS256' } : {}),
    };
  });

  afterAll(async () => {
    await fixture?.close();
  });

  /** The authorization request of the profile: UK OB request object by value, FAPI 2.0 PAR + JARM, STET plain. */
  async function startAuthorization(): Promise<{ url: string; state: string; nonce: string; verifier: string }> {
    const { verifier, challenge } = await pkcePair();
    const intentId = profile === 'uk-ob' ? await createIntent(fixture, fixture.a, ACCOUNT_ACCESS) : undefined;
    const parameters = authorizationParameters(fixture, fixture.a, challenge, intentId);
    const state = String(parameters['state']);
    const nonce = String(parameters['nonce']);
    if (profile === 'uk-ob') {
      const request = await signRequestObject(fixture, fixture.a, parameters);
      return { url: authorizeUrl(fixture, { client_id: fixture.a.clientId, request }), state, nonce, verifier };
    }
    if (profile === 'fapi2') {
      const pushed = await oauth.pushedAuthorizationRequest(fixture.as, client, clientAuthOf(fixture.a), formOf({ ...parameters, response_mode: 'jwt' }), over(fixture.a.agent));
      const { request_uri: requestUri, expires_in: expiresIn } = await oauth.processPushedAuthorizationResponse(fixture.as, client, pushed);
      expect(requestUri).toMatch(/^urn:ietf:params:oauth:request_uri:[A-Za-z0-9_-]{43}$/);
      expect(expiresIn).toBeLessThanOrEqual(90);
      return { url: authorizeUrl(fixture, { client_id: fixture.a.clientId, request_uri: requestUri }), state, nonce, verifier };
    }
    return { url: authorizeUrl(fixture, formOf(parameters)), state, nonce, verifier };
  }

  /** Validates the authorization response as the TPP would, with oauth4webapi. */
  async function callbackParameters(url: string, state: string, nonce: string): Promise<URLSearchParams> {
    const options = over(fixture.a.agent);
    if (profile === 'uk-ob') return oauth.validateDetachedSignatureResponse(fixture.as, client, new URL(url), nonce, state, undefined, options);
    if (profile === 'fapi2') return oauth.validateJwtAuthResponse(fixture.as, client, new URL(url), state, options);
    return oauth.validateAuthResponse(fixture.as, client, new URL(url), state);
  }

  it('PAR / request object → authorize → login → SCA → consent → code → tokens over mTLS → refresh → revoke', async () => {
    const context = await tppBrowserContext(browser, ['https://tpp-a.example']);
    const page = await context.newPage();
    const { url, state, nonce, verifier } = await startAuthorization();
    await page.goto(url);
    await psuAuthorizes(page, 'Allow', 'Alpha Budgeting');
    await page.waitForURL(/^https:\/\/tpp-a\.example\/cb/);
    const callback = await callbackParameters(page.url(), state, nonce);
    await context.close();

    const auth = clientAuthOf(fixture.a);
    const tokenResponse = await oauth.authorizationCodeGrantRequest(fixture.as, client, auth, callback, fixture.a.redirectUri, verifier, over(fixture.a.agent));
    const tokens = await oauth.processAuthorizationCodeResponse(
      fixture.as,
      client,
      tokenResponse,
      profile === 'stet' ? {} : { expectedNonce: nonce, requireIdToken: true },
    );
    expect(tokens.token_type).toBe('bearer');
    expect(tokens.refresh_token).toEqual(expect.any(String));
    if (profile !== 'stet') {
      const jwks = (await (await undiciFetch(`${fixture.server.issuer}/jwks`, { dispatcher: fixture.a.agent })).json()) as JSONWebKeySet;
      const { payload, protectedHeader } = await jwtVerify(tokens.id_token ?? '', createLocalJWKSet(jwks), { issuer: fixture.server.issuer, audience: 'tpp-a' });
      expect(protectedHeader.alg).toBe('PS256');
      expect(payload).toMatchObject({ sub: 'psu-alice', nonce, acr: 'urn:openbanking:psd2:sca' });
      expect(payload['auth_time']).toEqual(expect.any(Number));
      if (profile === 'uk-ob') expect(payload['openbanking_intent_id']).toMatch(/^obc-/);
    }
    if (profile === 'stet') expect(tokens.scope).toBe('aisp extended_transaction_history');

    const refreshed = await oauth.processRefreshTokenResponse(
      fixture.as,
      client,
      await oauth.refreshTokenGrantRequest(fixture.as, client, auth, tokens.refresh_token ?? '', over(fixture.a.agent)),
    );
    expect(refreshed.access_token).not.toBe(tokens.access_token);
    if (profile === 'stet') expect(refreshed.scope).toBe('aisp');
    const latestRefresh = refreshed.refresh_token ?? tokens.refresh_token ?? '';

    const introspect = async (token: string) =>
      oauth.processIntrospectionResponse(fixture.as, client, await oauth.introspectionRequest(fixture.as, client, auth, token, over(fixture.a.agent)));
    expect(await introspect(refreshed.access_token)).toMatchObject({ active: true, sub: 'psu-alice', client_id: 'tpp-a' });
    expect((await introspect(refreshed.access_token)).cnf?.['x5t#S256']).toBe(fixture.a.certificateThumbprint);

    await oauth.processRevocationResponse(
      await oauth.revocationRequest(fixture.as, client, auth, latestRefresh, { ...over(fixture.a.agent), additionalParameters: { token_type_hint: 'refresh_token' } }),
    );
    expect((await introspect(latestRefresh)).active).toBe(false);
    expect((await introspect(refreshed.access_token)).active).toBe(false);
    expect((await introspect(tokens.access_token)).active).toBe(false);
  });

  it('Deny ends in access_denied at the TPP, with state', async () => {
    const context = await tppBrowserContext(browser, ['https://tpp-a.example']);
    const page = await context.newPage();
    const { url, state, nonce } = await startAuthorization();
    await page.goto(url);
    await psuAuthorizes(page, 'Deny', 'Alpha Budgeting');
    await page.waitForURL(/^https:\/\/tpp-a\.example\/cb/);
    const landed = page.url();
    await context.close();
    const error = await callbackParameters(landed, state, nonce).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(oauth.AuthorizationResponseError);
    expect((error as oauth.AuthorizationResponseError).error).toBe('access_denied');
    const described = (error as oauth.AuthorizationResponseError).error_description ?? '';
    const reason = { 'uk-ob': 'U033 Authorisation failed: ', stet: 'CUST RequestedByCustomer: ', fapi2: '' }[profile];
    expect(described).toBe(`${reason}The PSU denied the authorization`);
  });
});
