import * as oauth from 'oauth4webapi';
import { fetch as undiciFetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postForm } from '../support/tpp-client.js';
import {
  authorizationParameters,
  authorizeUrl,
  clientAuthOf,
  formOf,
  over,
  pkcePair,
  pushRequest,
  startAuthorizationFixture,
  type AuthorizationFixture,
  type TppClient,
} from './authorization-fixture.js';
import { expectErrorPage } from './page-assertions.js';

describe('pushed authorization requests (RFC 9126), profile fapi2', () => {
  let fixture: AuthorizationFixture;

  beforeAll(async () => {
    fixture = await startAuthorizationFixture({ profile: 'fapi2' });
  });

  afterAll(async () => {
    await fixture?.close();
  });

  async function push(client: TppClient = fixture.a, alter: Record<string, unknown> = {}) {
    const parameters = { ...authorizationParameters(fixture, client, (await pkcePair()).challenge), ...alter };
    return pushRequest(fixture, client, formOf(parameters));
  }

  async function requestUri(client: TppClient = fixture.a): Promise<string> {
    const pushed = await push(client);
    expect(pushed.status).toBe(201);
    return String(pushed.json['request_uri']);
  }

  it('answers 201 with a single-use request_uri of 256 random bits, expires_in ≤ 90 s, not cacheable', async () => {
    const pushed = await push();
    expect(pushed.status).toBe(201);
    expect(pushed.headers.get('cache-control')).toBe('no-store');
    expect(pushed.json['request_uri']).toMatch(/^urn:ietf:params:oauth:request_uri:[A-Za-z0-9_-]{43}$/);
    expect(pushed.json['expires_in']).toBe(60);
    expect(Object.keys(pushed.json).sort()).toEqual(['expires_in', 'request_uri']);
  });

  it('is on the mTLS listener and refuses GET with 405', async () => {
    const response = await undiciFetch(`${fixture.server.mtlsBaseUrl}/par`, { dispatcher: fixture.a.agent });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    const front = await undiciFetch(`${fixture.server.issuer}/par`, { method: 'POST', dispatcher: fixture.bare });
    expect(front.status).toBe(404);
  });

  it('authenticates the client like the token endpoint', async () => {
    const parameters = formOf(authorizationParameters(fixture, fixture.a, (await pkcePair()).challenge));
    const anonymous = await pushRequest(fixture, fixture.a, parameters, fixture.bare);
    expect(anonymous.status).toBe(401);
    expect(anonymous.json['error']).toBe('invalid_client');
    const wrongCertificate = await pushRequest(fixture, fixture.a, parameters, fixture.b.agent);
    expect(wrongCertificate.status).toBe(401);
  });

  it('accepts private_key_jwt clients (oauth4webapi)', async () => {
    const client: oauth.Client = { client_id: fixture.jwt.clientId, use_mtls_endpoint_aliases: true };
    const parameters = formOf(authorizationParameters(fixture, fixture.jwt, (await pkcePair()).challenge));
    const response = await oauth.pushedAuthorizationRequest(fixture.as, client, clientAuthOf(fixture.jwt), parameters, over(fixture.jwt.agent));
    expect((await oauth.processPushedAuthorizationResponse(fixture.as, client, response)).request_uri).toMatch(/^urn:ietf:params:oauth:request_uri:/);
  });

  it('validates the request as the authorization endpoint would, answering JSON', async () => {
    const unregistered = await push(fixture.a, { redirect_uri: 'https://attacker.example/cb' });
    expect(unregistered.status).toBe(400);
    expect(unregistered.json).toEqual({ error: 'invalid_request', error_description: 'The redirect_uri is missing or not registered for the client' });
    expect((await push(fixture.a, { code_challenge_method: 'plain' })).json['error']).toBe('invalid_request');
    expect((await push(fixture.a, { code_challenge: undefined, code_challenge_method: undefined })).json['error_description']).toBe('code_challenge (PKCE, S256) is required');
    expect((await push(fixture.a, { response_type: 'code id_token' })).json['error']).toBe('unsupported_response_type');
    expect((await push(fixture.a, { scope: 'openid admin' })).json['error']).toBe('invalid_scope');
  });

  it('refuses request_uri in a pushed request', async () => {
    const pushed = await push(fixture.a, { request_uri: 'urn:ietf:params:oauth:request_uri:abc' });
    expect(pushed.status).toBe(400);
    expect(pushed.json['error']).toBe('invalid_request');
  });

  it('uses a request_uri once: reusing it shows an error page', async () => {
    const uri = await requestUri();
    const first = await fixture.psu.get(authorizeUrl(fixture, { client_id: 'tpp-a', request_uri: uri }));
    expect(first.location).toBe('/login');
    expectErrorPage(await fixture.psu.get(authorizeUrl(fixture, { client_id: 'tpp-a', request_uri: uri })), 'invalid_request_uri', 'already used');
  });

  it("refuses another client's request_uri, without consuming it", async () => {
    const uri = await requestUri(fixture.b);
    expectErrorPage(await fixture.psu.get(authorizeUrl(fixture, { client_id: 'tpp-a', request_uri: uri })), 'invalid_request_uri');
    expect((await fixture.psu.get(authorizeUrl(fixture, { client_id: 'tpp-b', request_uri: uri }))).location).toBe('/login');
  });

  it('refuses an unknown or malformed request_uri', async () => {
    expectErrorPage(await fixture.psu.get(authorizeUrl(fixture, { client_id: 'tpp-a', request_uri: 'urn:ietf:params:oauth:request_uri:nope' })), 'invalid_request_uri');
    expectErrorPage(await fixture.psu.get(authorizeUrl(fixture, { client_id: 'tpp-a', request_uri: 'https://tpp-a.example/request.jwt' })), 'invalid_request_uri');
  });

  it('requires PAR: a plain authorization request ends on an error page', async () => {
    const query = formOf(authorizationParameters(fixture, fixture.a, (await pkcePair()).challenge));
    expectErrorPage(await fixture.psu.get(authorizeUrl(fixture, query)), 'invalid_request', 'Authorization requests must be pushed first');
  });

  it('ignores parameters sent beside request_uri', async () => {
    const uri = await requestUri();
    const started = await fixture.psu.get(
      authorizeUrl(fixture, { client_id: 'tpp-a', request_uri: uri, redirect_uri: 'https://attacker.example/cb', response_mode: 'fragment', scope: 'payments' }),
    );
    expect(started.location).toBe('/login');
  });

  it('is published in discovery, also as an mTLS alias, and required', () => {
    expect(fixture.as.pushed_authorization_request_endpoint).toBe(`${fixture.server.mtlsBaseUrl}/par`);
    expect(fixture.as.mtls_endpoint_aliases?.pushed_authorization_request_endpoint).toBe(`${fixture.server.mtlsBaseUrl}/par`);
    expect(fixture.as.require_pushed_authorization_requests).toBe(true);
  });
});

describe('pushed authorization requests in other profiles', () => {
  it('are allowed but not required under STET, and must carry a request object under UK OB', async () => {
    const stet = await startAuthorizationFixture({ profile: 'stet' });
    try {
      expect(stet.as.require_pushed_authorization_requests).toBe(false);
      const pushed = await pushRequest(stet, stet.a, formOf(authorizationParameters(stet, stet.a, (await pkcePair()).challenge)));
      expect(pushed.status).toBe(201);
      expect((await stet.psu.get(authorizeUrl(stet, { client_id: 'tpp-a', request_uri: String(pushed.json['request_uri']) }))).location).toBe('/login');
    } finally {
      await stet.close();
    }
    const uk = await startAuthorizationFixture({ profile: 'uk-ob' });
    try {
      const plain = await postForm(
        `${uk.server.mtlsBaseUrl}/par`,
        uk.a.agent,
        new URLSearchParams(formOf(authorizationParameters(uk, uk.a, (await pkcePair()).challenge))).toString(),
      );
      expect(plain.status).toBe(400);
      expect(plain.json['error_description']).toBe('U004 UK.OBIE.Field.Missing: The authorization request must be a signed request object (RFC 9101)');
    } finally {
      await uk.close();
    }
  });
});
