import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unsignedAssertion } from '../support/assertions.js';
import { authorizeAsPsu } from '../support/psu-http.js';
import { clientSigningKey } from '../support/tpp-fixtures.js';
import {
  ACCOUNT_ACCESS,
  authorizationParameters,
  authorizeUrl,
  createIntent,
  pkcePair,
  pushRequest,
  responseParameters,
  signRequestObject,
  startAuthorizationFixture,
  type AuthorizationFixture,
} from './authorization-fixture.js';
import { expectErrorPage } from './page-assertions.js';

describe('request objects (RFC 9101, FAPI 1.0 Advanced) at the authorization endpoint, profile uk-ob', () => {
  let fixture: AuthorizationFixture;
  let parameters: Record<string, unknown>;
  const now = () => Math.floor(Date.now() / 1000);

  beforeAll(async () => {
    fixture = await startAuthorizationFixture({ profile: 'uk-ob' });
    const { challenge } = await pkcePair();
    parameters = authorizationParameters(fixture, fixture.a, challenge, await createIntent(fixture, fixture.a, ACCOUNT_ACCESS));
  });

  afterAll(async () => {
    await fixture?.close();
  });

  const authorizeWith = (request: string) => fixture.psu.get(authorizeUrl(fixture, { client_id: fixture.a.clientId, request }));

  it('accepts a PS256 object signed with the client key and starts the PSU interaction', async () => {
    const exchange = await authorizeWith(await signRequestObject(fixture, fixture.a, parameters));
    expect(exchange.status).toBe(303);
    expect(exchange.location).toBe('/login');
    expect(exchange.headers.get('set-cookie')).toMatch(/^__Host-obas-interaction=[A-Za-z0-9_-]{43}; Path=\/; Secure; HttpOnly; SameSite=Lax/);
  });

  it('accepts an ES256 object of a client whose key is EC', async () => {
    const { challenge } = await pkcePair();
    const intentId = await createIntent(fixture, fixture.b, ACCOUNT_ACCESS);
    const request = await signRequestObject(fixture, fixture.b, authorizationParameters(fixture, fixture.b, challenge, intentId));
    const exchange = await fixture.psu.get(authorizeUrl(fixture, { client_id: fixture.b.clientId, request }));
    expect(exchange.location).toBe('/login');
  });

  it('refuses an unsigned object (alg none)', async () => {
    const claims = { iss: 'tpp-a', aud: fixture.server.issuer, nbf: now(), exp: now() + 300, ...parameters };
    expectErrorPage(await authorizeWith(unsignedAssertion(claims)), 'invalid_request_object', 'U018 UK.OBIE.Signature.Malformed: The request object must be signed with PS256 or ES256, not none');
  });

  it('refuses a request parameter that is not a JWS at all', async () => {
    expectErrorPage(await authorizeWith('not-a-jwt'), 'invalid_request_object', 'U018 UK.OBIE.Signature.Malformed: The request object is not a well-formed JWT');
  });

  it('refuses RS256', async () => {
    const rsa = await clientSigningKey('RS256', 'a-1');
    const request = await signRequestObject(fixture, { ...fixture.a, key: rsa }, parameters, {}, 'RS256');
    expectErrorPage(await authorizeWith(request), 'invalid_request_object', 'not RS256');
  });

  it('refuses a bad signature', async () => {
    const [header, payload, signature] = (await signRequestObject(fixture, fixture.a, parameters)).split('.');
    const tampered = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()), scope: 'openid payments' })).toString('base64url');
    expectErrorPage(await authorizeWith(`${header}.${tampered}.${signature}`), 'invalid_request_object', 'U015 UK.OBIE.Signature.Invalid');
  });

  it("refuses an object signed with another client's key", async () => {
    const request = await signRequestObject(fixture, { ...fixture.a, key: fixture.b.key }, parameters, {}, 'ES256');
    expectErrorPage(await authorizeWith(request), 'invalid_request_object', 'does not verify with a key of its signer');
  });

  it('refuses an expired object', async () => {
    const request = await signRequestObject(fixture, fixture.a, parameters, { nbf: now() - 600, exp: now() - 60 });
    expectErrorPage(await authorizeWith(request), 'invalid_request_object', 'U016 UK.OBIE.Signature.InvalidClaim: The request object has expired');
  });

  it('refuses an object living more than 60 minutes after nbf', async () => {
    const request = await signRequestObject(fixture, fixture.a, parameters, { nbf: now() - 10, exp: now() + 3600 });
    expectErrorPage(await authorizeWith(request), 'invalid_request_object', 'at most 60 minutes after nbf');
  });

  it('refuses the wrong audience', async () => {
    const request = await signRequestObject(fixture, fixture.a, parameters, { aud: 'https://another-bank.example' });
    expectErrorPage(await authorizeWith(request), 'invalid_request_object', 'aud must be the issuer');
  });

  it.each(['exp', 'nbf', 'aud', 'iss'])('refuses an object without %s', async (claim) => {
    const request = await signRequestObject(fixture, fixture.a, parameters, { [claim]: undefined });
    expectErrorPage(await authorizeWith(request), 'invalid_request_object', `has no ${claim} claim`);
  });

  it('refuses request_uri inside the object', async () => {
    const request = await signRequestObject(fixture, fixture.a, { ...parameters, request_uri: 'urn:ietf:params:oauth:request_uri:x' });
    expectErrorPage(await authorizeWith(request), 'invalid_request_object', 'must not contain request_uri');
  });

  it('refuses an object whose iss or client_id is another client', async () => {
    expectErrorPage(await authorizeWith(await signRequestObject(fixture, fixture.a, parameters, { iss: 'tpp-b' })), 'invalid_request_object', 'iss must be the client_id');
    expectErrorPage(await authorizeWith(await signRequestObject(fixture, fixture.a, { ...parameters, client_id: 'tpp-b' })), 'invalid_request_object', 'client_id must be');
  });

  it('refuses an object without redirect_uri on an error page', async () => {
    const request = await signRequestObject(fixture, fixture.a, { ...parameters, redirect_uri: undefined });
    expectErrorPage(await authorizeWith(request), 'invalid_request', 'The redirect_uri is missing or not registered');
  });

  it('refuses an authorization request that is not a request object', async () => {
    const query = Object.fromEntries(Object.entries(parameters).map(([name, value]) => [name, typeof value === 'string' ? value : JSON.stringify(value)]));
    expectErrorPage(await fixture.psu.get(authorizeUrl(fixture, query)), 'invalid_request', 'U004 UK.OBIE.Field.Missing: The authorization request must be a signed request object');
  });

  it('uses only the parameters inside the object and ignores those outside (FAPI 1.0 Advanced §5.2.2-10)', async () => {
    const request = await signRequestObject(fixture, fixture.a, parameters);
    const outside = { redirect_uri: 'https://attacker.example/cb', scope: 'openid payments', state: 'outer', response_type: 'code' };
    const location = await authorizeAsPsu(fixture.psu, authorizeUrl(fixture, { client_id: fixture.a.clientId, request, ...outside }));
    expect(location.startsWith(`${fixture.a.redirectUri}#`)).toBe(true);
    const response = responseParameters(location);
    expect(response.get('state')).toBe(parameters['state']);
    expect(response.get('id_token')).toEqual(expect.any(String));
  });

  it('redirects a valid object with a bad inner parameter to the registered redirect URI with state', async () => {
    const request = await signRequestObject(fixture, fixture.a, { ...parameters, code_challenge_method: 'plain' });
    const exchange = await authorizeWith(request);
    expect(exchange.status).toBe(303);
    const response = responseParameters(exchange.location ?? '');
    expect(response.get('error')).toBe('invalid_request');
    expect(response.get('state')).toBe(parameters['state']);
    expect(response.get('error_description')).toBe('U002 UK.OBIE.Field.Invalid: code_challenge_method must be S256');
  });
});

describe('request objects pushed to PAR, profile fapi2', () => {
  let fixture: AuthorizationFixture;
  let parameters: Record<string, unknown>;

  beforeAll(async () => {
    fixture = await startAuthorizationFixture({ profile: 'fapi2' });
    parameters = authorizationParameters(fixture, fixture.a, (await pkcePair()).challenge);
  });

  afterAll(async () => {
    await fixture?.close();
  });

  it('accepts a signed request object and answers 201', async () => {
    const pushed = await pushRequest(fixture, fixture.a, { request: await signRequestObject(fixture, fixture.a, parameters) });
    expect(pushed.status).toBe(201);
  });

  it('answers a bad request object with a JSON invalid_request_object', async () => {
    const claims = { iss: 'tpp-a', aud: fixture.server.issuer, nbf: 1, exp: 2, ...parameters };
    const pushed = await pushRequest(fixture, fixture.a, { request: unsignedAssertion(claims) });
    expect(pushed.status).toBe(400);
    expect(pushed.json).toEqual({ error: 'invalid_request_object', error_description: 'The request object must be signed with PS256 or ES256, not none' });
    const foreign = await pushRequest(fixture, fixture.a, { request: await signRequestObject(fixture, { ...fixture.a, key: fixture.b.key }, { ...parameters, jti: randomUUID() }, {}, 'ES256') });
    expect(foreign.json['error']).toBe('invalid_request_object');
  });
});
