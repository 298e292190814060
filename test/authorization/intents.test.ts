import { fetch as undiciFetch, type Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizeAsPsu } from '../support/psu-http.js';
import {
  ACCOUNT_ACCESS,
  authorizationParameters,
  clientCredentialsToken,
  createIntent,
  obtainCode,
  pkcePair,
  profileAuthorizeUrl,
  redeemCode,
  startAuthorizationFixture,
  type AuthorizationFixture,
} from './authorization-fixture.js';

describe('intents (the consents a PSU authorises), profile uk-ob', () => {
  let fixture: AuthorizationFixture;
  let accountsToken: string;

  beforeAll(async () => {
    fixture = await startAuthorizationFixture({ profile: 'uk-ob' });
    accountsToken = await clientCredentialsToken(fixture, fixture.a, 'accounts');
  });

  afterAll(async () => {
    await fixture?.close();
  });

  async function call(method: 'GET' | 'POST', path: string, token: string | undefined, body?: unknown, agent: Agent = fixture.a.agent) {
    const response = await undiciFetch(`${fixture.server.mtlsBaseUrl}${path}`, {
      method,
      headers: { ...(token === undefined ? {} : { authorization: `Bearer ${token}` }), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      dispatcher: agent,
    });
    return { status: response.status, headers: response.headers, json: (await response.json()) as Record<string, unknown> };
  }

  it('creates an intent awaiting authorisation and reads it back', async () => {
    const created = await call('POST', '/intents', accountsToken, { ...ACCOUNT_ACCESS, expirationDateTime: '2099-01-01T00:00:00Z' });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      kind: 'account-access',
      status: 'AwaitingAuthorisation',
      permissions: ACCOUNT_ACCESS.permissions,
      expirationDateTime: '2099-01-01T00:00:00.000Z',
    });
    expect(created.json['intentId']).toMatch(/^urn-obas-intent-[0-9a-f-]{36}$/);
    const read = await call('GET', `/intents/${String(created.json['intentId'])}`, accountsToken);
    expect(read.json).toEqual(created.json);
  });

  it('needs a client_credentials Bearer token, over its certificate, with the scope of the kind', async () => {
    const missing = await call('POST', '/intents', undefined, ACCOUNT_ACCESS);
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toBe('Bearer realm="obas"');
    expect(missing.json['error']).toBe('invalid_token');
    expect((await call('POST', '/intents', 'not-a-token', ACCOUNT_ACCESS)).status).toBe(401);
    expect((await call('POST', '/intents', accountsToken, ACCOUNT_ACCESS, fixture.b.agent)).status).toBe(401);
    const payments = await call('POST', '/intents', accountsToken, { kind: 'payment', instructedAmount: { amount: '1.00', currency: 'GBP' }, creditorName: 'X' });
    expect(payments.status).toBe(403);
    expect(payments.json['error']).toBe('insufficient_scope');
    const { code, verifier } = await obtainCode(fixture);
    const psuToken = String((await redeemCode(fixture, fixture.a, code, verifier)).json['access_token']);
    expect((await call('POST', '/intents', psuToken, ACCOUNT_ACCESS)).status).toBe(401);
  });

  it('refuses malformed intents', async () => {
    const bad = [
      { kind: 'loan' },
      { kind: 'account-access' },
      { kind: 'account-access', permissions: ['ReadEverything'] },
      { ...ACCOUNT_ACCESS, expirationDateTime: '2001-01-01T00:00:00Z' },
      { ...ACCOUNT_ACCESS, expirationDateTime: 'tomorrow' },
    ];
    for (const body of bad) {
      const response = await call('POST', '/intents', accountsToken, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.json['error']).toBe('invalid_request');
    }
  });

  it("does not show one client's intent to another", async () => {
    const intentId = await createIntent(fixture, fixture.a, ACCOUNT_ACCESS);
    const otherToken = await clientCredentialsToken(fixture, fixture.b, 'accounts');
    expect((await call('GET', `/intents/${intentId}`, otherToken, undefined, fixture.b.agent)).status).toBe(404);
  });

  it('becomes Authorised when the PSU allows, Rejected when the PSU denies', async () => {
    for (const [decision, status] of [['allow', 'Authorised'], ['deny', 'Rejected']] as const) {
      const intentId = await createIntent(fixture, fixture.a, ACCOUNT_ACCESS);
      const parameters = authorizationParameters(fixture, fixture.a, (await pkcePair()).challenge, intentId);
      fixture.psu.clearCookies();
      await authorizeAsPsu(fixture.psu, await profileAuthorizeUrl(fixture, fixture.a, parameters), { decision });
      const read = await call('GET', `/intents/${intentId}`, accountsToken);
      expect(read.json['status']).toBe(status);
    }
  });
});
