import { createHash } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from 'jose';
import { fetch as undiciFetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  authorizationParameters,
  authorizeUrl,
  formOf,
  obtainCode,
  pkcePair,
  postAs,
  pushRequest,
  redeemCode,
  startAuthorizationFixture,
  type AuthorizationFixture,
} from './authorization-fixture.js';
import { expectErrorPage } from './page-assertions.js';

describe('authorization_code at the token endpoint, profile fapi2', () => {
  let fixture: AuthorizationFixture;

  beforeAll(async () => {
    fixture = await startAuthorizationFixture({ profile: 'fapi2' });
  });

  afterAll(async () => {
    await fixture?.close();
  });

  const introspect = async (token: string) => (await postAs(fixture, '/introspect', fixture.a, { token })).json;

  it('issues certificate-bound tokens and a signed ID token with at_hash for a code of 256 bits', async () => {
    const { code, verifier, parameters } = await obtainCode(fixture);
    expect(code).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const response = await redeemCode(fixture, fixture.a, code, verifier);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.json).toMatchObject({ token_type: 'Bearer', expires_in: 300, scope: 'openid accounts' });
    const accessToken = String(response.json['access_token']);
    const idToken = String(response.json['id_token']);
    const jwks = (await (await undiciFetch(`${fixture.server.issuer}/jwks`, { dispatcher: fixture.bare })).json()) as JSONWebKeySet;
    const { payload } = await jwtVerify(idToken, createLocalJWKSet(jwks), { issuer: fixture.server.issuer, audience: 'tpp-a', algorithms: ['PS256'] });
    expect(decodeProtectedHeader(idToken).kid).toEqual(expect.any(String));
    expect(payload).toMatchObject({ sub: 'psu-alice', nonce: parameters['nonce'], acr: 'urn:openbanking:psd2:sca', at_hash: createHash('sha256').update(accessToken).digest().subarray(0, 16).toString('base64url') });
    expect(Object.keys(payload).sort()).toEqual(['acr', 'at_hash', 'aud', 'auth_time', 'exp', 'iat', 'iss', 'nonce', 'sub']);
    expect(await introspect(accessToken)).toMatchObject({
      active: true,
      sub: 'psu-alice',
      accounts: ['acc-alice-current'],
      acr: 'urn:openbanking:psd2:sca',
      cnf: { 'x5t#S256': fixture.a.certificateThumbprint },
    });
  });

  it('works for a private_key_jwt client too', async () => {
    const { code, verifier } = await obtainCode(fixture, fixture.jwt);
    const response = await redeemCode(fixture, fixture.jwt, code, verifier);
    expect(response.status).toBe(200);
  });

  it('refuses a wrong PKCE verifier, and the code is spent', async () => {
    const { code, verifier } = await obtainCode(fixture);
    const wrong = await redeemCode(fixture, fixture.a, code, `${verifier.slice(0, -1)}${verifier.endsWith('A') ? 'B' : 'A'}`);
    expect(wrong.status).toBe(400);
    expect(wrong.json).toEqual({ error: 'invalid_grant', error_description: 'The code_verifier does not match the code_challenge' });
    expect((await redeemCode(fixture, fixture.a, code, verifier)).json['error']).toBe('invalid_grant');
  });

  it('refuses a token request without code_verifier', async () => {
    const { code } = await obtainCode(fixture);
    const response = await postAs(fixture, '/token', fixture.a, { grant_type: 'authorization_code', code, redirect_uri: fixture.a.redirectUri });
    expect(response.json).toEqual({ error: 'invalid_request', error_description: 'The code_verifier parameter is required (PKCE)' });
  });

  it('refuses another redirect_uri', async () => {
    const { code, verifier } = await obtainCode(fixture);
    const response = await redeemCode(fixture, fixture.a, code, verifier, fixture.a.agent, { redirect_uri: 'https://tpp-a.example/cb2' });
    expect(response.json['error']).toBe('invalid_grant');
  });

  it("refuses client A's code redeemed by client B, and leaves it to A", async () => {
    const { code, verifier } = await obtainCode(fixture);
    const byB = await redeemCode(fixture, fixture.b, code, verifier);
    expect(byB.status).toBe(400);
    expect(byB.json).toEqual({ error: 'invalid_grant', error_description: 'The authorization code is invalid' });
    expect((await redeemCode(fixture, fixture.a, code, verifier)).status).toBe(200);
  });

  it('refuses a replayed code and revokes every token issued from it', async () => {
    const { code, verifier } = await obtainCode(fixture);
    const first = await redeemCode(fixture, fixture.a, code, verifier);
    expect(first.status).toBe(200);
    const accessToken = String(first.json['access_token']);
    const refreshToken = String(first.json['refresh_token']);
    expect((await introspect(accessToken))['active']).toBe(true);
    const replay = await redeemCode(fixture, fixture.a, code, verifier);
    expect(replay.status).toBe(400);
    expect(replay.json).toEqual({ error: 'invalid_grant', error_description: 'The authorization code was already used; its tokens are revoked' });
    expect(await introspect(accessToken)).toEqual({ active: false });
    expect(await introspect(refreshToken)).toEqual({ active: false });
    const refresh = await postAs(fixture, '/token', fixture.a, { grant_type: 'refresh_token', refresh_token: refreshToken });
    expect(refresh.json['error']).toBe('invalid_grant');
  });

  it('refuses an unknown code', async () => {
    const response = await redeemCode(fixture, fixture.a, 'x'.repeat(43), (await pkcePair()).verifier);
    expect(response.json['error']).toBe('invalid_grant');
  });
});

describe('codes and request URIs expire, profile fapi2 with 1-second lifetimes', () => {
  let fixture: AuthorizationFixture;

  beforeAll(async () => {
    fixture = await startAuthorizationFixture({ profile: 'fapi2', knobs: { lifetimes: { authorizationCode: 1, requestUri: 1 } } });
  });

  afterAll(async () => {
    await fixture?.close();
  });

  it('refuses an expired code', async () => {
    const { code, verifier } = await obtainCode(fixture);
    await delay(1100);
    const response = await redeemCode(fixture, fixture.a, code, verifier);
    expect(response.json).toEqual({ error: 'invalid_grant', error_description: 'The authorization code has expired' });
  });

  it('refuses an expired request_uri', async () => {
    const pushed = await pushRequest(fixture, fixture.a, formOf(authorizationParameters(fixture, fixture.a, (await pkcePair()).challenge)));
    expect(pushed.json['expires_in']).toBe(1);
    await delay(1100);
    const exchange = await fixture.psu.get(authorizeUrl(fixture, { client_id: 'tpp-a', request_uri: String(pushed.json['request_uri']) }));
    expectErrorPage(exchange, 'invalid_request_uri');
  });
});
