import { createHash } from 'node:crypto';
import { createRemoteJWKSet, customFetch, jwtVerify } from 'jose';
import * as oauth from 'oauth4webapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizeAsPsu } from '../support/psu-http.js';
import { fetchVia } from '../support/tpp-client.js';
import {
  ACCOUNT_ACCESS,
  authorizationParameters,
  authorizeUrl,
  createIntent,
  DOMESTIC_PAYMENT,
  formOf,
  obtainCode,
  over,
  pkcePair,
  signRequestObject,
  startAuthorizationFixture,
  type AuthorizationFixture,
} from './authorization-fixture.js';
import { expectErrorPage, expectErrorRedirect } from './page-assertions.js';

describe('authorization endpoint, profile stet (plain query parameters)', () => {
  let fixture: AuthorizationFixture;
  let valid: Record<string, string>;

  beforeAll(async () => {
    fixture = await startAuthorizationFixture({ profile: 'stet' });
    valid = formOf(authorizationParameters(fixture, fixture.a, (await pkcePair()).challenge));
  });

  afterAll(async () => {
    await fixture?.close();
  });

  const authorize = (alter: Record<string, string | undefined>) => {
    const query = Object.fromEntries(Object.entries({ ...valid, ...alter }).filter(([, value]) => value !== undefined)) as Record<string, string>;
    return fixture.psu.get(authorizeUrl(fixture, query));
  };

  it('shows an error page, never a redirect, for a redirect URI that is not registered', async () => {
    const exchange = await authorize({ redirect_uri: 'https://tpp-a.example/other' });
    expectErrorPage(exchange, 'invalid_request', 'CH16 ElementContentFormallyIncorrect: The redirect_uri is missing or not registered for the client');
    expect(exchange.headers.get('x-frame-options')).toBe('DENY');
    expectErrorPage(await authorize({ redirect_uri: 'https://tpp-a.example/cb/' }), 'invalid_request');
    expectErrorPage(await authorize({ redirect_uri: undefined }), 'invalid_request');
  });

  it('shows an error page for a missing or unknown client', async () => {
    expectErrorPage(await authorize({ client_id: undefined }), 'invalid_request', 'The client_id parameter is required');
    expectErrorPage(await authorize({ client_id: 'nobody' }), 'invalid_request', 'The client_id is not a registered client');
  });

  it('refuses a repeated parameter on an error page', async () => {
    const url = `${authorizeUrl(fixture, valid)}&state=again`;
    expectErrorPage(await fixture.psu.get(url), 'invalid_request', 'The state parameter is repeated');
  });

  it('redirects other errors with state, iss and the STET reason code', async () => {
    const missing = expectErrorRedirect(await authorize({ code_challenge: undefined }), fixture.a.redirectUri, 'invalid_request');
    expect(missing.get('state')).toBe(valid['state']);
    expect(missing.get('iss')).toBe(fixture.server.issuer);
    expect(missing.get('error_description')).toBe('CH21 RequiredCompulsoryElementMissing: code_challenge (PKCE, S256) is required');
    const plain = expectErrorRedirect(await authorize({ code_challenge_method: 'plain' }), fixture.a.redirectUri, 'invalid_request');
    expect(plain.get('error_description')).toBe('CH16 ElementContentFormallyIncorrect: code_challenge_method must be S256');
    expectErrorRedirect(await authorize({ code_challenge_method: undefined }), fixture.a.redirectUri, 'invalid_request');
  });

  it('refuses response types and modes the profile does not offer', async () => {
    expectErrorRedirect(await authorize({ response_type: 'token' }), fixture.a.redirectUri, 'unsupported_response_type');
    expectErrorRedirect(await authorize({ response_type: 'code id_token' }), fixture.a.redirectUri, 'unsupported_response_type');
    expectErrorRedirect(await authorize({ response_mode: 'jwt' }), fixture.a.redirectUri, 'invalid_request');
    expectErrorRedirect(await authorize({ response_mode: 'form_post' }), fixture.a.redirectUri, 'invalid_request');
  });

  it('applies the STET scope rules', async () => {
    const pisp = expectErrorRedirect(await authorize({ scope: 'pisp' }), fixture.a.redirectUri, 'invalid_scope');
    expect(pisp.get('error_description')).toBe('AG08 InvalidAccessRights: The pisp scope is obtained with client_credentials, not from the PSU');
    expectErrorRedirect(await authorize({ scope: 'extended_transaction_history' }), fixture.a.redirectUri, 'invalid_scope');
    expectErrorRedirect(await authorize({ scope: 'aisp payments' }), fixture.a.redirectUri, 'invalid_scope');
    expectErrorRedirect(await authorize({ scope: undefined }), fixture.a.redirectUri, 'invalid_request');
  });

  it('answers prompt=none with login_required', async () => {
    expectErrorRedirect(await authorize({ prompt: 'none' }), fixture.a.redirectUri, 'login_required');
  });

  it('accepts the request as a form POST too', async () => {
    const exchange = await fixture.psu.post('/authorize', valid);
    expect(exchange.status).toBe(303);
    expect(exchange.location).toBe('/login');
  });

  it('starts in the language of ui_locales', async () => {
    expect((await authorize({ ui_locales: 'fr-FR en' })).location).toBe('/fr/login');
  });

  it('is published in discovery with only what the profile runs', () => {
    expect(fixture.as.authorization_endpoint).toBe(`${fixture.server.issuer}/authorize`);
    expect(fixture.as.response_types_supported).toEqual(['code']);
    expect(fixture.as.response_modes_supported).toEqual(['query', 'fragment']);
    expect(fixture.as.code_challenge_methods_supported).toEqual(['S256']);
    expect(fixture.as.authorization_response_iss_parameter_supported).toBe(true);
    expect(fixture.as.grant_types_supported).toEqual(['client_credentials', 'authorization_code', 'refresh_token', 'urn:openid:params:grant-type:ciba']);
    expect(fixture.as['authorization_signing_alg_values_supported']).toBeUndefined();
  });
});

describe('authorization endpoint, profile uk-ob (request objects, hybrid, JARM, intents)', () => {
  let fixture: AuthorizationFixture;

  beforeAll(async () => {
    fixture = await startAuthorizationFixture({ profile: 'uk-ob' });
  });

  afterAll(async () => {
    await fixture?.close();
  });

  async function authorizeWith(alter: Record<string, unknown>, intentId?: string) {
    const { challenge } = await pkcePair();
    const intent = intentId ?? (await createIntent(fixture, fixture.a, ACCOUNT_ACCESS));
    const parameters = { ...authorizationParameters(fixture, fixture.a, challenge, intent), ...alter };
    const url = authorizeUrl(fixture, { client_id: 'tpp-a', request: await signRequestObject(fixture, fixture.a, parameters) });
    return { url, parameters, exchange: await fixture.psu.get(url) };
  }

  it('accepts response_type=code only with JARM (FAPI 1.0 Advanced §5.2.2-2)', async () => {
    const { exchange } = await authorizeWith({ response_type: 'code' });
    const error = expectErrorRedirect(exchange, fixture.a.redirectUri, 'unsupported_response_type');
    expect(error.get('error_description')).toBe('U002 UK.OBIE.Field.Invalid: response_type=code is accepted only with response_mode=jwt; or use code id_token');
  });

  it('answers code with response_mode=jwt as a signed JARM response that oauth4webapi validates', async () => {
    const { url, parameters } = await authorizeWith({ response_type: 'code', response_mode: 'jwt' });
    fixture.psu.clearCookies();
    const location = await authorizeAsPsu(fixture.psu, url);
    const query = new URL(location).searchParams;
    expect([...query.keys()]).toEqual(['response']);
    const client: oauth.Client = { client_id: 'tpp-a' };
    const response = await oauth.validateJwtAuthResponse(fixture.as, client, new URL(location), String(parameters['state']), over(fixture.a.agent));
    expect(response.get('code')).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('reports errors inside the JARM response when JARM was asked for', async () => {
    const { exchange } = await authorizeWith({ response_type: 'code', response_mode: 'jwt', code_challenge_method: 'plain' });
    const location = exchange.location ?? '';
    const client: oauth.Client = { client_id: 'tpp-a' };
    const failure = await oauth.validateJwtAuthResponse(fixture.as, client, new URL(location), oauth.skipStateCheck, over(fixture.a.agent)).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(oauth.AuthorizationResponseError);
    expect((failure as oauth.AuthorizationResponseError).error).toBe('invalid_request');
  });

  it('requires nonce for the hybrid flow', async () => {
    const { exchange } = await authorizeWith({ nonce: undefined });
    expect(expectErrorRedirect(exchange, fixture.a.redirectUri, 'invalid_request').get('error_description')).toBe('U004 UK.OBIE.Field.Missing: The nonce parameter is required');
  });

  it('requires an intent of the client, of the right kind, awaiting authorisation', async () => {
    const missing = expectErrorRedirect((await authorizeWith({ claims: undefined })).exchange, fixture.a.redirectUri, 'invalid_request');
    expect(missing.get('error_description')).toBe('U011 UK.OBIE.Resource.NotFound: The scope needs an openbanking_intent_id in the claims parameter');
    const unknown = expectErrorRedirect((await authorizeWith({}, 'urn-obas-intent-unknown')).exchange, fixture.a.redirectUri, 'invalid_request');
    expect(unknown.get('error_description')).toMatch(/^U011 /);
    const foreign = await createIntent(fixture, fixture.b, ACCOUNT_ACCESS);
    expect(expectErrorRedirect((await authorizeWith({}, foreign)).exchange, fixture.a.redirectUri, 'invalid_request').get('error_description')).toBe(
      'U008 UK.OBIE.Resource.ConsentMismatch: The consent belongs to another client',
    );
    const payment = await createIntent(fixture, fixture.a, DOMESTIC_PAYMENT, 'domestic-payment-consents');
    expect(expectErrorRedirect((await authorizeWith({}, payment)).exchange, fixture.a.redirectUri, 'invalid_request').get('error_description')).toMatch(/^U008 /);
  });

  it('refuses an intent that was already authorised', async () => {
    const intent = await createIntent(fixture, fixture.a, ACCOUNT_ACCESS);
    const first = await authorizeWith({}, intent);
    fixture.psu.clearCookies();
    await authorizeAsPsu(fixture.psu, first.url);
    const again = await authorizeWith({}, intent);
    expect(expectErrorRedirect(again.exchange, fixture.a.redirectUri, 'invalid_request').get('error_description')).toBe(
      'U009 UK.OBIE.Resource.InvalidConsentStatus: The consent is Authorised',
    );
  });

  it('refuses an essential acr it cannot satisfy, and states ca when only ca is asked for', async () => {
    const claims = (intentId: string, values: string[]) => ({ id_token: { openbanking_intent_id: { value: intentId }, acr: { essential: true, values } } });
    const intent = await createIntent(fixture, fixture.a, ACCOUNT_ACCESS);
    const refused = await authorizeWith({ claims: claims(intent, ['urn:example:loa4']) }, intent);
    expect(expectErrorRedirect(refused.exchange, fixture.a.redirectUri, 'invalid_request').get('error_description')).toBe(
      'U002 UK.OBIE.Field.Invalid: None of the essential acr values can be satisfied',
    );
    const ca = await authorizeWith({ claims: claims(intent, ['urn:openbanking:psd2:ca']) }, intent);
    fixture.psu.clearCookies();
    const location = await authorizeAsPsu(fixture.psu, ca.url);
    const idToken = new URLSearchParams(new URL(location).hash.slice(1)).get('id_token') ?? '';
    expect(JSON.parse(Buffer.from(idToken.split('.')[1] ?? '', 'base64url').toString())).toMatchObject({ acr: 'urn:openbanking:psd2:ca' });
  });

  it('publishes hybrid, JARM and request object metadata', () => {
    expect(fixture.as.response_types_supported).toEqual(['code id_token', 'code']);
    expect(fixture.as.response_modes_supported).toEqual(['fragment', 'jwt', 'query.jwt', 'fragment.jwt']);
    expect(fixture.as['require_signed_request_object']).toBe(true);
    expect(fixture.as.require_pushed_authorization_requests).toBe(false);
    expect(fixture.as.request_object_signing_alg_values_supported).toEqual(['PS256', 'ES256']);
    expect(fixture.as.id_token_signing_alg_values_supported).toEqual(['PS256']);
    expect(fixture.as['authorization_signing_alg_values_supported']).toEqual(['PS256']);
    expect(fixture.as.acr_values_supported).toEqual(['urn:openbanking:psd2:sca', 'urn:openbanking:psd2:ca']);
    expect(fixture.as.claims_supported).toContain('openbanking_intent_id');
    expect(fixture.as.subject_types_supported).toEqual(['public']);
  });
});

describe('authorization endpoint, profile fapi2', () => {
  it('offers code only, with iss in the query response', async () => {
    const fixture = await startAuthorizationFixture({ profile: 'fapi2' });
    try {
      expect(fixture.as.response_types_supported).toEqual(['code']);
      expect(fixture.as.response_modes_supported).toEqual(['query', 'fragment', 'jwt', 'query.jwt', 'fragment.jwt']);
      const { response } = await obtainCode(fixture);
      expect(response.get('iss')).toBe(fixture.server.issuer);
      const client: oauth.Client = { client_id: 'tpp-a' };
      expect(() => oauth.validateAuthResponse(fixture.as, client, response, oauth.skipStateCheck)).not.toThrow();
    } finally {
      await fixture.close();
    }
  });
});

describe('the ID token of the hybrid response, profile uk-ob with ES256 ID tokens', () => {
  it('is a detached signature over code and state, signed ES256 with a published key', async () => {
    const fixture = await startAuthorizationFixture({ profile: 'uk-ob', knobs: { authorization: { idTokenSigningAlg: 'ES256' } } });
    try {
      expect(fixture.as.id_token_signing_alg_values_supported).toEqual(['ES256']);
      const { code, response, parameters } = await obtainCode(fixture);
      const idToken = response.get('id_token') ?? '';
      const half = (value: string) => createHash('sha256').update(value).digest().subarray(0, 16).toString('base64url');
      const jwks = createRemoteJWKSet(new URL(`${fixture.server.issuer}/jwks`), { [customFetch]: fetchVia(fixture.bare) });
      const { payload, protectedHeader } = await jwtVerify(idToken, jwks, { issuer: fixture.server.issuer, audience: 'tpp-a' });
      expect(protectedHeader.alg).toBe('ES256');
      expect(payload).toMatchObject({ c_hash: half(code), s_hash: half(String(parameters['state'])), nonce: parameters['nonce'], sub: 'psu-alice' });
      expect(payload['openbanking_intent_id']).toMatch(/^obc-/);
    } finally {
      await fixture.close();
    }
  });
});
