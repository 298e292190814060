import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UkConsentResource } from '../../src/consent/uk/uk-consent-request.js';
import {
  ACCOUNT_ACCESS,
  DOMESTIC_PAYMENT,
  authorizationParameters,
  pkcePair,
  profileAuthorizeUrl,
  responseParameters,
  startAuthorizationFixture,
  type AuthorizationFixture,
} from '../authorization/authorization-fixture.js';
import { signInToDashboard } from '../dashboard/dashboard-http.js';
import { authorizeChoosingAccount } from '../support/psu-account-choice.js';
import { csrfOf } from '../support/psu-http.js';
import { createUkConsent, signUkBody, ukConsentRequest, ukConsentUrl } from '../support/uk-consent-client.js';
import { consumeAsResourceServer, introspectAsResourceServer } from '../support/uk-consent-journey.js';
import { CredentialLedger, RecordingPsuClient, postAsJwtClient } from './credential-ledger.js';

const ACCESS: UkConsentResource = 'account-access-consents';
const PAYMENT: UkConsentResource = 'domestic-payment-consents';
const ISO_8601_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

type LogEntry = Record<string, unknown>;

/**
 * The audit trail over one whole UK OB journey of the private_key_jwt TPP: client_credentials, consents staged through
 * the UK API, the PSU allowing and denying, code exchange, refresh, introspection, revocation, the dashboard, payment
 * consumption and TPP deletion. Every credential the journey handled is written down, and no log line may carry one.
 */
describe('audit trail of a UK OB journey', () => {
  const lines: string[] = [];
  const ledger = new CredentialLedger();
  let fixture: AuthorizationFixture;
  let psu: RecordingPsuClient;
  const ids: Record<'allowed' | 'denied' | 'deleted' | 'payment', string> = { allowed: '', denied: '', deleted: '', payment: '' };
  const entries = () => lines.map((line) => JSON.parse(line) as LogEntry);
  const requestLines = () => entries().filter((entry) => entry['msg'] === 'request');
  const lineWhere = (expected: LogEntry): LogEntry | undefined =>
    requestLines().find((entry) => Object.entries(expected).every(([name, value]) => entry[name] === value));

  async function token(scope: string): Promise<string> {
    const issued = await postAsJwtClient(fixture, '/token', { grant_type: 'client_credentials', scope }, ledger);
    expect(issued.status, JSON.stringify(issued.json)).toBe(200);
    return String(issued.json['access_token']);
  }

  async function stage(resource: UkConsentResource, body: unknown, accessToken: string): Promise<string> {
    const text = JSON.stringify(body);
    const signature = await signUkBody(fixture.jwt, text);
    ledger.add(signature);
    const created = await createUkConsent(fixture, fixture.jwt, resource, 'v3.1', body, { token: accessToken, rawBody: text, signature });
    expect(created.status, created.text).toBe(201);
    return String((created.json?.['Data'] as LogEntry)['ConsentId']);
  }

  /** The PSU alice decides about a staged consent; resolves the PKCE verifier and the response to the client. */
  async function psuDecides(consentId: string, scope: string, decision: 'allow' | 'deny') {
    const { verifier, challenge } = await pkcePair();
    ledger.add(verifier);
    const url = await profileAuthorizeUrl(fixture, fixture.jwt, { ...authorizationParameters(fixture, fixture.jwt, challenge, consentId), scope });
    ledger.add(new URL(url).searchParams.get('request'));
    psu.clearCookies();
    const journey = await authorizeChoosingAccount(psu, url, { decision, ...(decision === 'allow' ? { accountId: 'acc-alice-current' } : {}) });
    return { verifier, response: responseParameters(journey.location) };
  }

  async function journey(): Promise<void> {
    const [accounts, payments] = [await token('accounts'), await token('payments')];
    ids.allowed = await stage(ACCESS, ACCOUNT_ACCESS, accounts);
    const allowed = await psuDecides(ids.allowed, 'openid accounts', 'allow');
    const code = allowed.response.get('code') ?? '';
    const exchange = { grant_type: 'authorization_code', code, code_verifier: allowed.verifier, redirect_uri: fixture.jwt.redirectUri };
    const redeemed = await postAsJwtClient(fixture, '/token', exchange, ledger);
    expect(redeemed.status, JSON.stringify(redeemed.json)).toBe(200);
    const refreshed = await postAsJwtClient(fixture, '/token', { grant_type: 'refresh_token', refresh_token: String(redeemed.json['refresh_token']) }, ledger);
    expect(refreshed.status, JSON.stringify(refreshed.json)).toBe(200);
    const accessToken = String(refreshed.json['access_token']);
    expect((await postAsJwtClient(fixture, '/introspect', { token: accessToken }, ledger)).json['active']).toBe(true);
    expect((await introspectAsResourceServer(fixture, accessToken))['active']).toBe(true);
    expect((await postAsJwtClient(fixture, '/revoke', { token: accessToken }, ledger)).status).toBe(200);

    const dashboard = await signInToDashboard(psu, 'alice');
    const revoked = await psu.post('/consents/revoke', { csrf: csrfOf(dashboard), consent: ids.allowed });
    expect(revoked.location).toBe('/consents?notice=revoked');

    ids.payment = await stage(PAYMENT, DOMESTIC_PAYMENT, payments);
    await psuDecides(ids.payment, 'openid payments', 'allow');
    expect((await consumeAsResourceServer(fixture, ids.payment)).status).toBe(200);

    ids.deleted = await stage(ACCESS, ACCOUNT_ACCESS, accounts);
    const deleted = await ukConsentRequest(`${ukConsentUrl(fixture, ACCESS, 'v3.1')}/${ids.deleted}`, fixture.jwt.agent, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${accounts}` },
    });
    expect(deleted.status).toBe(204);

    ids.denied = await stage(ACCESS, ACCOUNT_ACCESS, accounts);
    expect((await psuDecides(ids.denied, 'openid accounts', 'deny')).response.get('error')).toBe('access_denied');

    expect((await postAsJwtClient(fixture, '/token', exchange, ledger)).status).toBe(400);
    const silent = await profileAuthorizeUrl(fixture, fixture.jwt, { ...authorizationParameters(fixture, fixture.jwt, (await pkcePair()).challenge), prompt: 'none' });
    ledger.add(new URL(silent).searchParams.get('request'));
    expect((await psu.get(silent)).location).toContain('error=login_required');
    ledger.add('query-value-never-logged');
    expect((await psu.get('/no/such/page?access_token=query-value-never-logged')).status).toBe(404);
  }

  beforeAll(async () => {
    fixture = await startAuthorizationFixture({ profile: 'uk-ob', logLines: lines });
    psu = new RecordingPsuClient(fixture.server.issuer, fixture.server.pki.caCertPem, ledger);
    ledger.add('sandbox-alice');
    await journey();
  }, 120_000);

  afterAll(async () => {
    await psu?.close();
    await fixture?.close();
  });

  it('no log line carries a token, code, assertion, request object, password, one-time code, cookie or CSRF token', () => {
    const everything = lines.join('\n');
    expect(requestLines().length).toBeGreaterThan(30);
    expect(ledger.values.length).toBeGreaterThan(30);
    const leaked = ledger.values.filter((secret) => everything.includes(secret));
    expect(leaked).toEqual([]);
  });

  it('stamps every line with an ISO 8601 UTC time', () => {
    for (const entry of entries()) {
      expect(entry['time']).toMatch(ISO_8601_UTC);
      expect(new Date(String(entry['time'])).toISOString()).toBe(entry['time']);
    }
  });

  it('names the client, grant type, PSU, consent and decision of issued tokens', () => {
    expect(lineWhere({ route: '/token', grant_type: 'client_credentials' })).toMatchObject({ client_id: 'tpp-jwt', decision: 'issued', status: 200 });
    expect(lineWhere({ grant_type: 'client_credentials' })).not.toHaveProperty('subject');
    for (const grantType of ['authorization_code', 'refresh_token']) {
      expect(lineWhere({ grant_type: grantType, status: 200 })).toMatchObject({
        client_id: 'tpp-jwt',
        subject: 'psu-alice',
        consent_id: ids.allowed,
        decision: 'issued',
      });
    }
  });

  it('names a refused token request with its reason and no decision', () => {
    const refused = lineWhere({ grant_type: 'authorization_code', status: 400 });
    expect(refused).toMatchObject({ client_id: 'tpp-jwt', error: 'invalid_grant', reason: 'code_replayed' });
    expect(refused).not.toHaveProperty('decision');
  });

  it('names a refusal the authorization endpoint redirects to the client', () => {
    expect(lineWhere({ route: '/authorize', error: 'login_required' })).toMatchObject({ client_id: 'tpp-jwt', reason: 'login_required', status: 303 });
  });

  it("records the PSU's decisions on the consent page", () => {
    const facts = { method: 'POST', client_id: 'tpp-jwt', subject: 'psu-alice' };
    expect(lineWhere({ decision: 'allowed', consent_id: ids.allowed })).toMatchObject({ ...facts, status: 303 });
    expect(lineWhere({ decision: 'allowed', consent_id: ids.payment })).toMatchObject(facts);
    expect(lineWhere({ decision: 'denied', consent_id: ids.denied })).toMatchObject(facts);
    expect(lineWhere({ method: 'POST', route: '/login', status: 303 })).toMatchObject({ client_id: 'tpp-jwt', subject: 'psu-alice' });
  });

  it('records the consent API, the dashboard, introspection, revocation and consumption', () => {
    expect(lineWhere({ decision: 'created', consent_id: ids.allowed })).toMatchObject({ method: 'POST', client_id: 'tpp-jwt', status: 201 });
    expect(lineWhere({ decision: 'deleted', consent_id: ids.deleted })).toMatchObject({ method: 'DELETE', client_id: 'tpp-jwt', status: 204 });
    expect(lineWhere({ route: '/consents/revoke', decision: 'revoked' })).toMatchObject({ subject: 'psu-alice', consent_id: ids.allowed });
    expect(lineWhere({ route: '/introspect', client_id: 'tpp-jwt' })).toMatchObject({ subject: 'psu-alice', consent_id: ids.allowed });
    expect(lineWhere({ route: '/introspect', client_id: 'rs-1' })).toMatchObject({ subject: 'psu-alice', consent_id: ids.allowed });
    expect(lineWhere({ route: '/revoke', decision: 'revoked' })).toMatchObject({ client_id: 'tpp-jwt', subject: 'psu-alice', consent_id: ids.allowed });
    expect(lineWhere({ decision: 'consumed' })).toMatchObject({ client_id: 'rs-1', subject: 'psu-alice', consent_id: ids.payment, status: 200 });
  });

  it('logs a request no route matched with its path, without the query, and route null', () => {
    expect(lineWhere({ status: 404, path: '/no/such/page' })).toMatchObject({ route: null, method: 'GET', error: 'not_found' });
    expect(lines.join('\n')).not.toContain('unmatched');
  });
});
