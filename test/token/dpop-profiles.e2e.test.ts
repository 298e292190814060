import { webcrypto } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';
import * as oauth from 'oauth4webapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ACCOUNT_ACCESS,
  authorizationParameters,
  createIntent,
  over,
  pkcePair,
  profileAuthorizeUrl,
  startAuthorizationFixture,
  type AuthorizationFixture,
} from '../authorization/authorization-fixture.js';
import { authorizeAsPsu } from '../support/psu-http.js';
import { introspectAsResourceServer } from '../support/uk-consent-journey.js';

/** A fresh ES256 DPoP key pair and its RFC 7638 thumbprint. */
async function dpopKey(): Promise<{ pair: webcrypto.CryptoKeyPair; jkt: string }> {
  const pair = (await generateKeyPair('ES256', { extractable: true })) as webcrypto.CryptoKeyPair;
  return { pair, jkt: await calculateJwkThumbprint(await exportJWK(pair.publicKey)) };
}

/** What differs per profile: the client_credentials scope, and how the client reads the authorization response. */
const PROFILES = {
  'uk-ob': { clientCredentialsScope: 'accounts', expectedScope: 'openid accounts', sub: 'psu-alice' },
  stet: { clientCredentialsScope: 'aisp', expectedScope: 'aisp extended_transaction_history', sub: 'psu-alice' },
} as const;

describe.each(Object.keys(PROFILES) as (keyof typeof PROFILES)[])('DPoP (RFC 9449) end to end with oauth4webapi, profile %s', (profile) => {
  let fixture: AuthorizationFixture;
  const client: oauth.Client = { client_id: 'tpp-a', use_mtls_endpoint_aliases: true, id_token_signed_response_alg: 'PS256' };
  const expected = PROFILES[profile];

  beforeAll(async () => {
    fixture = await startAuthorizationFixture({ profile });
  });

  afterAll(async () => {
    await fixture?.close();
  });

  it('client_credentials with a proof: token_type DPoP, cnf.jkt at introspection instead of the certificate', async () => {
    const key = await dpopKey();
    const response = await oauth.clientCredentialsGrantRequest(fixture.as, client, oauth.TlsClientAuth(), new URLSearchParams({ scope: expected.clientCredentialsScope }), {
      ...over(fixture.a.agent),
      DPoP: oauth.DPoP(client, key.pair),
    });
    const tokens = await oauth.processClientCredentialsResponse(fixture.as, client, response);
    expect(tokens.token_type).toBe('dpop');
    const introspection = await introspectAsResourceServer(fixture, tokens.access_token);
    expect(introspection).toMatchObject({ active: true, token_type: 'DPoP', client_id: 'tpp-a' });
    expect(introspection['cnf']).toEqual({ jkt: key.jkt });
  });

  it("authorization code in the profile's own flow, the proof at the exchange: DPoP-bound access token, refresh bound to the client", async () => {
    const key = await dpopKey();
    const DPoP = oauth.DPoP(client, key.pair);
    const { verifier, challenge } = await pkcePair();
    const intentId = profile === 'uk-ob' ? await createIntent(fixture, fixture.a, ACCOUNT_ACCESS) : undefined;
    const parameters = authorizationParameters(fixture, fixture.a, challenge, intentId);
    fixture.psu.clearCookies();
    const location = new URL(await authorizeAsPsu(fixture.psu, await profileAuthorizeUrl(fixture, fixture.a, parameters)));
    const state = String(parameters['state']);
    const nonce = String(parameters['nonce']);
    const callback =
      profile === 'uk-ob'
        ? await oauth.validateDetachedSignatureResponse(fixture.as, client, location, nonce, state, undefined, over(fixture.a.agent))
        : oauth.validateAuthResponse(fixture.as, client, location, state);
    const exchanged = await oauth.authorizationCodeGrantRequest(fixture.as, client, oauth.TlsClientAuth(), callback, fixture.a.redirectUri, verifier, {
      ...over(fixture.a.agent),
      DPoP,
    });
    const tokens = await oauth.processAuthorizationCodeResponse(fixture.as, client, exchanged, profile === 'uk-ob' ? { expectedNonce: nonce } : {});
    expect(tokens).toMatchObject({ token_type: 'dpop', scope: expected.expectedScope });
    const access = await introspectAsResourceServer(fixture, tokens.access_token);
    expect(access).toMatchObject({ active: true, token_type: 'DPoP', sub: expected.sub });
    expect(access['cnf']).toEqual({ jkt: key.jkt });
    if (profile === 'uk-ob') expect(access).toMatchObject({ openbanking_intent_id: intentId });
    expect(await introspectAsResourceServer(fixture, String(tokens.refresh_token))).toMatchObject({ active: true, cnf: { 'x5t#S256': fixture.a.certificateThumbprint } });

    const next = await dpopKey();
    const refreshed = await oauth.refreshTokenGrantRequest(fixture.as, client, oauth.TlsClientAuth(), String(tokens.refresh_token), {
      ...over(fixture.a.agent),
      DPoP: oauth.DPoP(client, next.pair),
    });
    const renewed = await oauth.processRefreshTokenResponse(fixture.as, client, refreshed);
    expect(renewed.token_type).toBe('dpop');
    expect((await introspectAsResourceServer(fixture, renewed.access_token))['cnf']).toEqual({ jkt: next.jkt });
  });
});
