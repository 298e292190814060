import type { UkConsentResource } from '../../src/consent/uk/uk-consent-request.js';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizeAsPsu } from '../support/psu-http.js';
import {
  authorizationParameters,
  createIntent,
  DOMESTIC_PAYMENT,
  obtainCode,
  pkcePair,
  postAs,
  profileAuthorizeUrl,
  redeemCode,
  responseParameters,
  startAuthorizationFixture,
  type AuthorizationFixture,
  type TppClient,
} from './authorization-fixture.js';

const refresh = (fixture: AuthorizationFixture, client: TppClient, token: string, agent = client.agent, extra: Record<string, string> = {}) =>
  postAs(fixture, '/token', client, { grant_type: 'refresh_token', refresh_token: token, ...extra }, agent);

async function tokensFor(fixture: AuthorizationFixture, client: TppClient = fixture.a): Promise<{ access: string; refresh: string }> {
  const { code, verifier } = await obtainCode(fixture, client);
  const response = await redeemCode(fixture, client, code, verifier);
  expect(response.status).toBe(200);
  return { access: String(response.json['access_token']), refresh: String(response.json['refresh_token']) };
}

describe('refresh tokens without rotation, profile fapi2', () => {
  let fixture: AuthorizationFixture;

  beforeAll(async () => {
    fixture = await startAuthorizationFixture({ profile: 'fapi2' });
  });

  afterAll(async () => {
    await fixture?.close();
  });

  it('keep working, return no new refresh token, and give certificate-bound access tokens', async () => {
    const { refresh: token } = await tokensFor(fixture);
    for (let i = 0; i < 2; i++) {
      const response = await refresh(fixture, fixture.a, token);
      expect(response.status).toBe(200);
      expect(response.json['refresh_token']).toBeUndefined();
      expect(response.json['scope']).toBe('openid accounts');
      const info = await postAs(fixture, '/introspect', fixture.a, { token: String(response.json['access_token']) });
      expect(info.json).toMatchObject({ active: true, sub: 'psu-alice', cnf: { 'x5t#S256': fixture.a.certificateThumbprint } });
    }
  });

  it('may narrow the scope, never widen it', async () => {
    const { refresh: token } = await tokensFor(fixture);
    expect((await refresh(fixture, fixture.a, token, fixture.a.agent, { scope: 'accounts' })).json['scope']).toBe('accounts');
    const widened = await refresh(fixture, fixture.a, token, fixture.a.agent, { scope: 'openid accounts payments' });
    expect(widened.status).toBe(400);
    expect(widened.json).toEqual({ error: 'invalid_scope', error_description: 'A refresh can narrow the scope, never widen it' });
  });

  it("refuses client A's refresh token used by client B", async () => {
    const { refresh: token } = await tokensFor(fixture);
    const byB = await refresh(fixture, fixture.b, token);
    expect(byB.status).toBe(400);
    expect(byB.json).toEqual({ error: 'invalid_grant', error_description: 'The refresh token is invalid' });
    expect((await refresh(fixture, fixture.a, token)).status).toBe(200);
  });

  it('refuses a refresh without the certificate the token is bound to', async () => {
    const { refresh: token } = await tokensFor(fixture, fixture.jwt);
    const otherCertificate = await refresh(fixture, fixture.jwt, token, fixture.b.agent);
    expect(otherCertificate.json).toEqual({ error: 'invalid_grant', error_description: 'The refresh token is bound to another client certificate' });
    const noCertificate = await refresh(fixture, fixture.jwt, token, fixture.bare);
    expect(noCertificate.json).toEqual({ error: 'invalid_request', error_description: 'A client certificate is required for certificate-bound tokens' });
    expect((await refresh(fixture, fixture.jwt, token, fixture.jwt.agent)).status).toBe(200);
  });

  it('refuses an unknown refresh token', async () => {
    expect((await refresh(fixture, fixture.a, 'not-a-token')).json['error']).toBe('invalid_grant');
  });
});

describe('refresh token rotation with reuse detection, profile stet', () => {
  let fixture: AuthorizationFixture;

  beforeAll(async () => {
    fixture = await startAuthorizationFixture({ profile: 'stet', knobs: { refreshTokens: { rotate: true, graceSeconds: 1 } } });
  });

  afterAll(async () => {
    await fixture?.close();
  });

  const active = async (token: string) => (await postAs(fixture, '/introspect', fixture.a, { token })).json['active'];

  it('rotates on every use and does not grant extended_transaction_history again', async () => {
    const { code, verifier } = await obtainCode(fixture);
    const first = await redeemCode(fixture, fixture.a, code, verifier);
    expect(first.json['scope']).toBe('aisp extended_transaction_history');
    const second = await refresh(fixture, fixture.a, String(first.json['refresh_token']));
    expect(second.json['scope']).toBe('aisp');
    expect(second.json['refresh_token']).not.toBe(first.json['refresh_token']);
    const asked = await refresh(fixture, fixture.a, String(second.json['refresh_token']), fixture.a.agent, { scope: 'aisp extended_transaction_history' });
    expect(asked.json['error']).toBe('invalid_scope');
    expect(asked.json['error_description']).toBe('AG08 InvalidAccessRights: A refresh can narrow the scope, never widen it');
  });

  it('lets the previous token work once within the grace window, revoking the successor that was lost', async () => {
    const { refresh: original } = await tokensFor(fixture);
    const lost = await refresh(fixture, fixture.a, original);
    const retried = await refresh(fixture, fixture.a, original);
    expect(retried.status).toBe(200);
    expect(await active(String(lost.json['refresh_token']))).toBe(false);
    const next = await refresh(fixture, fixture.a, String(retried.json['refresh_token']));
    expect(next.status).toBe(200);
  });

  it('revokes the whole grant when a rotated token is used again after its grace use', async () => {
    const { refresh: original, access } = await tokensFor(fixture);
    const rotated = await refresh(fixture, fixture.a, original);
    await refresh(fixture, fixture.a, original);
    const reuse = await refresh(fixture, fixture.a, original);
    expect(reuse.status).toBe(400);
    expect(reuse.json).toEqual({ error: 'invalid_grant', error_description: 'TKSG TokenSingleUse: The refresh token was already used; the grant is revoked' });
    expect(await active(access)).toBe(false);
    expect(await active(String(rotated.json['access_token']))).toBe(false);
  });

  it('revokes the whole grant when a rotated token comes back after the grace window', async () => {
    const { refresh: original } = await tokensFor(fixture);
    const rotated = await refresh(fixture, fixture.a, original);
    await delay(1100);
    expect((await refresh(fixture, fixture.a, original)).json['error']).toBe('invalid_grant');
    const latest = String(rotated.json['refresh_token']);
    expect(await active(latest)).toBe(false);
    expect((await refresh(fixture, fixture.a, latest)).json['error']).toBe('invalid_grant');
  });
});

describe('refresh tokens and consents, profile uk-ob', () => {
  let fixture: AuthorizationFixture;

  beforeAll(async () => {
    fixture = await startAuthorizationFixture({ profile: 'uk-ob' });
  });

  afterAll(async () => {
    await fixture?.close();
  });

  async function tokensForIntent(intent: Record<string, unknown>, scope: string, resource: UkConsentResource) {
    const { verifier, challenge } = await pkcePair();
    const intentId = await createIntent(fixture, fixture.a, intent, resource);
    const parameters = { ...authorizationParameters(fixture, fixture.a, challenge, intentId), scope };
    fixture.psu.clearCookies();
    const location = await authorizeAsPsu(fixture.psu, await profileAuthorizeUrl(fixture, fixture.a, parameters));
    const response = await redeemCode(fixture, fixture.a, responseParameters(location).get('code') ?? '', verifier);
    expect(response.status).toBe(200);
    return response.json;
  }

  it('never outlive the consent: lifetimes are capped by the intent expiry', async () => {
    const expiresAt = new Date(Date.now() + 3000);
    const body = { Data: { Permissions: ['ReadBalances'], ExpirationDateTime: expiresAt.toISOString() }, Risk: {} };
    const tokens = await tokensForIntent(body, 'openid accounts', 'account-access-consents');
    expect(tokens['expires_in']).toBeLessThanOrEqual(3);
    const info = await postAs(fixture, '/introspect', fixture.a, { token: String(tokens['refresh_token']) });
    expect(info.json['exp']).toBeLessThanOrEqual(Math.floor(expiresAt.getTime() / 1000));
    await delay(3100);
    const late = await postAs(fixture, '/token', fixture.a, { grant_type: 'refresh_token', refresh_token: String(tokens['refresh_token']) });
    expect(late.json['error']).toBe('invalid_grant');
  });

  it('are not issued for a payment consent', async () => {
    const tokens = await tokensForIntent(DOMESTIC_PAYMENT, 'openid payments', 'domestic-payment-consents');
    expect(tokens['refresh_token']).toBeUndefined();
    expect(tokens['scope']).toBe('openid payments');
  });
});
