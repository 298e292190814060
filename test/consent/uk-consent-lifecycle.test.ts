import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UkConsentResource } from '../../src/consent/uk/uk-consent-request.js';
import {
  authorizationParameters,
  createIntent,
  pkcePair,
  postAs,
  profileAuthorizeUrl,
  redeemCode,
  responseParameters,
  startAuthorizationFixture,
  type AuthorizationFixture,
} from '../authorization/authorization-fixture.js';
import { authorizeChoosingAccount, type PsuJourney } from '../support/psu-account-choice.js';
import {
  UK_STATUS,
  consumeAsResourceServer,
  introspectAsResourceServer,
  refreshAs,
  ukConsentCall,
  ukConsentData,
  verifiedIdToken,
} from '../support/uk-consent-journey.js';
import { validUkConsentBody, withMember, type UkVersion } from './uk-consent-bodies.js';

const ACCESS: UkConsentResource = 'account-access-consents';
const PAYMENT: UkConsentResource = 'domestic-payment-consents';
const SAVINGS = 'acc-alice-savings';
const CURRENT = 'acc-alice-current';
const REFRESH_EXPIRES_AT = 'http://openbanking.org.uk/refresh_token_expires_at';

/** An account-access consent body of `version`, expiring at `expiresAt` (default: in 90 days). */
function accessBody(version: UkVersion, expiresAt?: Date): Record<string, unknown> {
  const body = validUkConsentBody(ACCESS, version, new Date());
  return expiresAt === undefined ? body : withMember(body, 'Data.ExpirationDateTime', expiresAt.toISOString());
}

/** A domestic payment consent body of `version` without a DebtorAccount: the PSU picks the account to pay from. */
const paymentBody = (version: UkVersion) => withMember(validUkConsentBody(PAYMENT, version, new Date()), 'Data.Initiation.DebtorAccount', undefined);

describe.each(['v3.1', 'v4.0'] as const)('UK consent lifecycle over the consent API, %s', (version) => {
  const status = UK_STATUS[version];
  let fixture: AuthorizationFixture;

  beforeAll(async () => {
    fixture = await startAuthorizationFixture({ profile: 'uk-ob' });
  });

  afterAll(async () => {
    await fixture?.close();
  });

  /** Stages a consent as TPP `a`; the PSU alice decides over HTTP (choosing `accountId`); resolves what she saw and the redirect. */
  async function psuDecides(resource: UkConsentResource, body: unknown, scope: string, choice: { accountId?: string; decision?: 'allow' | 'deny' }) {
    const consentId = await createIntent(fixture, fixture.a, body, resource, version);
    const { verifier, challenge } = await pkcePair();
    const parameters = { ...authorizationParameters(fixture, fixture.a, challenge, consentId), scope };
    fixture.psu.clearCookies();
    const journey: PsuJourney = await authorizeChoosingAccount(fixture.psu, await profileAuthorizeUrl(fixture, fixture.a, parameters), choice);
    return { consentId, verifier, journey, response: responseParameters(journey.location) };
  }

  /** An authorised consent and the tokens of its code. */
  async function authorised(resource: UkConsentResource, body: unknown, scope: string, accountId: string) {
    const decided = await psuDecides(resource, body, scope, { accountId });
    const code = decided.response.get('code') ?? '';
    const redeemed = await redeemCode(fixture, fixture.a, code, decided.verifier);
    expect(redeemed.status, JSON.stringify(redeemed.json)).toBe(200);
    return { ...decided, code, tokens: redeemed.json as Record<string, string> };
  }

  describe('account access', () => {
    it('the PSU authorises one of her two accounts: GET shows it authorised, introspection and the ID token describe it', async () => {
      const body = accessBody(version);
      const { consentId, journey, tokens } = await authorised(ACCESS, body, 'openid accounts', SAVINGS);
      expect(journey.accountInputs.map(([, id]) => id)).toEqual([CURRENT, SAVINGS]);

      expect(await ukConsentData(fixture, ACCESS, version, consentId)).toMatchObject({ ConsentId: consentId, Status: status.authorised });

      const data = body['Data'] as Record<string, unknown>;
      const expiresAt = Math.floor(Date.parse(String(data['ExpirationDateTime'])) / 1000);
      const introspected = await introspectAsResourceServer(fixture, tokens['access_token'] ?? '');
      expect(introspected).toMatchObject({ active: true, client_id: 'tpp-a', sub: 'psu-alice', openbanking_intent_id: consentId, accounts: [SAVINGS] });
      expect(introspected['consent']).toStrictEqual({
        id: consentId,
        kind: 'account-access',
        status: 'Authorised',
        expires_at: expiresAt,
        accounts: [SAVINGS],
        permissions: data['Permissions'],
        transaction_from: data['TransactionFromDateTime'],
        transaction_to: data['TransactionToDateTime'],
      });

      const idToken = await verifiedIdToken(fixture, tokens['id_token'] ?? '');
      expect(idToken['openbanking_intent_id']).toBe(consentId);
      const refreshExpiresAt = idToken[REFRESH_EXPIRES_AT];
      expect(refreshExpiresAt).toEqual(expect.any(Number));
      expect(refreshExpiresAt).toBeLessThanOrEqual(expiresAt);
      expect(refreshExpiresAt).toBeGreaterThan(Date.now() / 1000);
      expect(refreshExpiresAt).toBe((await introspectAsResourceServer(fixture, tokens['refresh_token'] ?? ''))['exp']);
    });

    it('revoking one access token leaves the consent Authorised and its refresh token working', async () => {
      const { consentId, tokens } = await authorised(ACCESS, accessBody(version), 'openid accounts', CURRENT);
      const revoked = await postAs(fixture, '/revoke', fixture.a, { token: tokens['access_token'] ?? '', token_type_hint: 'access_token' });
      expect(revoked.status).toBe(200);
      expect(await introspectAsResourceServer(fixture, tokens['access_token'] ?? '')).toStrictEqual({ active: false });

      expect((await ukConsentData(fixture, ACCESS, version, consentId))['Status']).toBe(status.authorised);
      const refreshed = await refreshAs(fixture, tokens['refresh_token'] ?? '');
      expect(refreshed.status, JSON.stringify(refreshed.json)).toBe(200);
      expect(await introspectAsResourceServer(fixture, String(refreshed.json['access_token']))).toMatchObject({
        active: true,
        consent: { id: consentId, status: 'Authorised', accounts: [CURRENT] },
      });
    });

    it('the TPP deletes the consent: 204, it shows revoked, its tokens die at once and the refresh asks to reauthenticate', async () => {
      const { consentId, tokens } = await authorised(ACCESS, accessBody(version), 'openid accounts', SAVINGS);
      expect((await introspectAsResourceServer(fixture, tokens['access_token'] ?? ''))['active']).toBe(true);

      const deleted = await ukConsentCall(fixture, 'DELETE', ACCESS, version, consentId);
      expect(deleted.status).toBe(204);
      expect(deleted.text).toBe('');

      const data = await ukConsentData(fixture, ACCESS, version, consentId);
      expect(data['Status']).toBe(status.revoked);
      if (version === 'v4.0') expect(data['StatusReason']).toMatchObject([{ StatusReasonCode: 'U042' }]);
      expect(await introspectAsResourceServer(fixture, tokens['access_token'] ?? '')).toStrictEqual({ active: false });
      expect(await introspectAsResourceServer(fixture, tokens['refresh_token'] ?? '')).toStrictEqual({ active: false });

      const refreshed = await refreshAs(fixture, tokens['refresh_token'] ?? '');
      expect(refreshed.status).toBe(400);
      expect(refreshed.json['error']).toBe('invalid_grant');
      expect(String(refreshed.json['error_description'])).toMatch(/^U028 UK\.OBIE\.Reauthenticate: The consent was revoked/);
    });

    it('the PSU denies: the TPP gets access_denied and the consent shows rejected', async () => {
      const { consentId, response } = await psuDecides(ACCESS, accessBody(version), 'openid accounts', { decision: 'deny' });
      expect(response.get('error')).toBe('access_denied');
      const data = await ukConsentData(fixture, ACCESS, version, consentId);
      expect(data['Status']).toBe(status.rejected);
      if (version === 'v4.0') expect(data['StatusReason']).toMatchObject([{ StatusReasonCode: 'U033' }]);
    });

    describe('past its ExpirationDateTime (a few seconds ahead)', () => {
      let consentId: string;
      let tokens: Record<string, string>;

      beforeAll(async () => {
        const expiresAt = new Date(Date.now() + 3000);
        ({ consentId, tokens } = await authorised(ACCESS, accessBody(version, expiresAt), 'openid accounts', SAVINGS));
        expect((await ukConsentData(fixture, ACCESS, version, consentId))['Status']).toBe(status.authorised);
        expect((await introspectAsResourceServer(fixture, tokens['access_token'] ?? ''))['active']).toBe(true);
        await delay(Math.max(0, expiresAt.getTime() - Date.now()) + 250);
      });

      it('GET shows the expired status of the release', async () => {
        const data = await ukConsentData(fixture, ACCESS, version, consentId);
        expect(data['Status']).toBe(status.accessExpired);
        if (version === 'v4.0') expect(data['StatusReason']).toMatchObject([{ StatusReasonCode: 'U028' }]);
      });

      it('its access token is inactive', async () => {
        expect(await introspectAsResourceServer(fixture, tokens['access_token'] ?? '')).toStrictEqual({ active: false });
      });

      it('its refresh token is refused because the consent expired', async () => {
        const refreshed = await refreshAs(fixture, tokens['refresh_token'] ?? '');
        expect(refreshed.status).toBe(400);
        expect(refreshed.json).toStrictEqual({ error: 'invalid_grant', error_description: 'U028 UK.OBIE.Reauthenticate: The consent has expired' });
      });
    });
  });

  describe('domestic payment without a DebtorAccount', () => {
    it('the PSU picks the account to pay from on a page showing amount and creditor; the resource server consumes the consent once', async () => {
      const body = paymentBody(version);
      const { consentId, journey, tokens } = await authorised(PAYMENT, body, 'openid payments', SAVINGS);
      const page = journey.consentPage.body;
      expect(page).toContain('Pay 165.88 GBP to Northfield Joinery Ltd');
      expect(page).toContain('Paid into: Northfield Joinery Ltd — 40400411223344');
      expect(page).toContain('Choose the account to pay from');
      expect(journey.accountInputs).toEqual([
        ['account', CURRENT],
        ['account', SAVINGS],
      ]);
      expect(tokens['refresh_token']).toBeUndefined();
      expect(await ukConsentData(fixture, PAYMENT, version, consentId)).toMatchObject({ Status: status.authorised });

      const introspected = await introspectAsResourceServer(fixture, tokens['access_token'] ?? '');
      expect(introspected).toMatchObject({ active: true, openbanking_intent_id: consentId, accounts: [SAVINGS] });
      const initiation = (body['Data'] as Record<string, unknown>)['Initiation'];
      expect(introspected['consent']).toMatchObject({ id: consentId, kind: 'domestic-payment', status: 'Authorised', accounts: [SAVINGS], initiation });
      expect(introspected['consent']).not.toHaveProperty('debtor_account');

      const consumed = await consumeAsResourceServer(fixture, consentId);
      expect(consumed).toStrictEqual({ status: 200, json: { consent_id: consentId, status: 'Consumed' } });
      const data = await ukConsentData(fixture, PAYMENT, version, consentId);
      expect(data['Status']).toBe(status.consumed);
      if (version === 'v4.0') expect(data['StatusReason']).toMatchObject([{ StatusReasonCode: 'U038' }]);
      expect(await introspectAsResourceServer(fixture, tokens['access_token'] ?? '')).toMatchObject({ consent: { id: consentId, status: 'Consumed' } });

      const again = await consumeAsResourceServer(fixture, consentId);
      expect(again.status).toBe(400);
      expect(again.json['error']).toBe('invalid_request');
      expect(String(again.json['error_description'])).toMatch(/^U009 UK\.OBIE\.Resource\.InvalidConsentStatus: /);
    });

    it('a code whose payment consent was consumed before it was redeemed gets no tokens', async () => {
      const { consentId, response, verifier } = await psuDecides(PAYMENT, paymentBody(version), 'openid payments', { accountId: CURRENT });
      expect((await consumeAsResourceServer(fixture, consentId)).status).toBe(200);
      const redeemed = await redeemCode(fixture, fixture.a, response.get('code') ?? '', verifier);
      expect(redeemed.status).toBe(400);
      expect(redeemed.json).toStrictEqual({
        error: 'invalid_grant',
        error_description: 'U009 UK.OBIE.Resource.InvalidConsentStatus: The payment consent was consumed',
      });
    });

    it('a consent still awaiting authorisation cannot be consumed', async () => {
      const consentId = await createIntent(fixture, fixture.a, paymentBody(version), PAYMENT, version);
      const consumed = await consumeAsResourceServer(fixture, consentId);
      expect(consumed.status).toBe(400);
      expect(consumed.json['error']).toBe('invalid_request');
      expect(String(consumed.json['error_description'])).toMatch(/^U009 UK\.OBIE\.Resource\.InvalidConsentStatus: /);
      expect((await ukConsentData(fixture, PAYMENT, version, consentId))['Status']).toBe(status.awaiting);
    });
  });
});

describe('UK consents not authorised within the authorisation window (2 s)', () => {
  let fixture: AuthorizationFixture;

  beforeAll(async () => {
    fixture = await startAuthorizationFixture({ profile: 'uk-ob', knobs: { lifetimes: { interaction: 2 } } });
  });

  afterAll(async () => {
    await fixture?.close();
  });

  it('end Rejected, in both releases', async () => {
    const staged = await Promise.all(
      (['v3.1', 'v4.0'] as const).map(async (version) => ({ version, consentId: await createIntent(fixture, fixture.a, accessBody(version), ACCESS, version) })),
    );
    for (const { version, consentId } of staged) {
      expect((await ukConsentData(fixture, ACCESS, version, consentId))['Status']).toBe(UK_STATUS[version].awaiting);
    }
    await delay(2300);
    for (const { version, consentId } of staged) {
      const data = await ukConsentData(fixture, ACCESS, version, consentId);
      expect(data['Status']).toBe(UK_STATUS[version].rejected);
      if (version === 'v4.0') expect(data['StatusReason']).toMatchObject([{ StatusReasonCode: 'U036' }]);
    }
  });
});
