import * as oauth from 'oauth4webapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT_ACCESS, createIntent, type AuthorizationFixture, type TppClient } from './authorization-fixture.js';
import { decide, pollToken, signedRequest, signInToBankApp, startCibaFixture, startRequest, type CibaFixture, type CibaTpp } from './ciba-fixture.js';
import { postForm } from '../support/tpp-client.js';
import { ukConsentCall } from '../support/uk-consent-journey.js';

/**
 * The UK consent helpers take an authorization fixture and a TPP; they read only the server, its metadata and the
 * client's id, key and agent, which the CIBA fixture has too.
 */
function ukView(fixture: CibaFixture, tpp: CibaTpp): { fixture: AuthorizationFixture; client: TppClient } {
  const client: TppClient = { clientId: tpp.clientId, key: tpp.key, agent: tpp.agent, redirectUri: '', certificateThumbprint: '' };
  return { fixture: { server: fixture.server, as: fixture.as } as AuthorizationFixture, client };
}

/** Starts a poll-mode request of `tpp`, the PSU approves it on the bank app, resolves the issued tokens. */
async function approvedTokens(fixture: CibaFixture, tpp: CibaTpp, message: string, claims: Record<string, unknown> = {}) {
  const started = await oauth.processBackchannelAuthenticationResponse(
    fixture.as,
    tpp.client,
    await startRequest(fixture, tpp, await signedRequest(fixture, tpp, { binding_message: message, ...claims })),
  );
  const page = await signInToBankApp(fixture.psu, 'alice');
  expect(page.body).toContain(message);
  expect(await decide(fixture.psu, page, message, 'approve')).toMatchObject({ status: 303, location: '/bank-app?notice=approved' });
  return oauth.processBackchannelAuthenticationGrantResponse(fixture.as, tpp.client, await pollToken(fixture, tpp, started.auth_req_id));
}

/** Introspection of a token by the client it was issued to (RFC 7662, mTLS client authentication). */
async function introspect(fixture: CibaFixture, tpp: CibaTpp, token: string): Promise<Record<string, unknown>> {
  return (await postForm(`${fixture.server.mtlsBaseUrl}/introspect`, tpp.agent, new URLSearchParams({ client_id: tpp.clientId, token }).toString())).json;
}

describe('CIBA poll flow, profile uk-ob, with a UK account-access intent', () => {
  let fixture: CibaFixture;

  beforeAll(async () => {
    fixture = await startCibaFixture('uk-ob');
  });

  afterAll(async () => {
    await fixture?.close();
  });

  it('the intent named in the signed request is Authorised after the PSU approves; the ID token carries openbanking_intent_id', async () => {
    const uk = ukView(fixture, fixture.poll);
    const intentId = await createIntent(uk.fixture, uk.client, ACCOUNT_ACCESS);
    const consent = () => ukConsentCall(uk.fixture, 'GET', 'account-access-consents', 'v3.1', intentId, uk.client);
    expect((await consent()).json?.['Data']).toMatchObject({ ConsentId: intentId, Status: 'AwaitingAuthorisation' });

    const tokens = await approvedTokens(fixture, fixture.poll, 'UK-CIBA-1', { openbanking_intent_id: intentId });
    expect(tokens).toMatchObject({ token_type: 'bearer', scope: 'openid accounts' });
    expect(oauth.getValidatedIdTokenClaims(tokens)).toMatchObject({ sub: 'psu-alice', aud: 'tpp-poll', openbanking_intent_id: intentId });
    expect((await consent()).json?.['Data']).toMatchObject({ ConsentId: intentId, Status: 'Authorised' });
    expect(await introspect(fixture, fixture.poll, tokens.access_token)).toMatchObject({ active: true, sub: 'psu-alice', openbanking_intent_id: intentId });
  }, 30_000);

  it('refuses a request for the accounts scope without an intent, as the redirect flow does', async () => {
    const response = await startRequest(fixture, fixture.poll, await signedRequest(fixture, fixture.poll));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_request', error_description: 'U011 UK.OBIE.Resource.NotFound: The scope needs an openbanking_intent_id in the claims parameter' });
  });
});

describe('CIBA poll flow, profile stet, with its own scopes', () => {
  let fixture: CibaFixture;

  beforeAll(async () => {
    fixture = await startCibaFixture('stet');
  });

  afterAll(async () => {
    await fixture?.close();
  });

  it('the PSU approves an aisp request on the bank app; the tokens carry the STET scope and the PSU', async () => {
    const tokens = await approvedTokens(fixture, fixture.poll, 'STET-CIBA-1');
    expect(tokens).toMatchObject({ token_type: 'bearer', scope: 'openid aisp' });
    expect(typeof tokens.refresh_token).toBe('string');
    expect(oauth.getValidatedIdTokenClaims(tokens)).toMatchObject({ sub: 'psu-alice', aud: 'tpp-poll', iss: fixture.server.issuer });
    expect(await introspect(fixture, fixture.poll, tokens.access_token)).toMatchObject({ active: true, sub: 'psu-alice', scope: 'openid aisp' });
  }, 30_000);
});
