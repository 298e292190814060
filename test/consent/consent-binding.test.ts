import { fetch as undiciFetch, type Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postForm } from '../support/tpp-client.js';
import { obtainCode, postAs, redeemCode, startAuthorizationFixture, type AuthorizationFixture } from '../authorization/authorization-fixture.js';

describe.each(['fapi2', 'stet'] as const)('consents created at authorization, profile %s', (profile) => {
  let fixture: AuthorizationFixture;
  let tokens: Record<string, unknown>;

  beforeAll(async () => {
    fixture = await startAuthorizationFixture({ profile });
    const { code, verifier } = await obtainCode(fixture);
    tokens = (await redeemCode(fixture, fixture.a, code, verifier)).json;
  });

  afterAll(async () => {
    await fixture?.close();
  });

  const introspectAsResourceServer = (token: string) =>
    postForm(`${fixture.server.mtlsBaseUrl}/introspect`, fixture.resourceServer, new URLSearchParams({ token }).toString());

  it('binds the tokens to an Authorised consent that introspection describes', async () => {
    const introspected = (await postAs(fixture, '/introspect', fixture.a, { token: String(tokens['access_token']) })).json;
    expect(introspected).toMatchObject({ active: true, openbanking_intent_id: expect.stringMatching(/^obc-/) });
    expect(introspected['consent']).toMatchObject({
      id: introspected['openbanking_intent_id'],
      kind: 'authorization',
      status: 'Authorised',
      accounts: introspected['accounts'],
      scope: expect.any(String),
      expires_at: expect.any(Number),
    });
  });

  it('lets a resource server introspect any token, and a client only its own', async () => {
    const accessToken = String(tokens['access_token']);
    expect((await introspectAsResourceServer(accessToken)).json).toMatchObject({ active: true, client_id: 'tpp-a', consent: { status: 'Authorised' } });
    const byOtherClient = await postAs(fixture, '/introspect', fixture.b, { token: accessToken });
    expect(byOtherClient.status).toBe(200);
    expect(byOtherClient.json).toStrictEqual({ active: false });
    const anonymous = await postForm(`${fixture.server.mtlsBaseUrl}/introspect`, fixture.b.agent, new URLSearchParams({ token: accessToken }).toString());
    expect(anonymous.status).toBe(401);
    const asLibrary = new URLSearchParams({ token: accessToken, client_id: 'rs-1' }).toString();
    expect((await postForm(`${fixture.server.mtlsBaseUrl}/introspect`, fixture.resourceServer, asLibrary)).json).toMatchObject({ active: true });
    const posingAsClient = new URLSearchParams({ token: accessToken, client_id: 'tpp-b' }).toString();
    expect((await postForm(`${fixture.server.mtlsBaseUrl}/introspect`, fixture.resourceServer, posingAsClient)).status).toBe(401);
  });

  it('keeps the consent Authorised when the TPP revokes one access token', async () => {
    const { code, verifier } = await obtainCode(fixture);
    const fresh = (await redeemCode(fixture, fixture.a, code, verifier)).json;
    expect((await postAs(fixture, '/revoke', fixture.a, { token: String(fresh['access_token']) })).status).toBe(200);
    expect((await introspectAsResourceServer(String(fresh['access_token']))).json).toStrictEqual({ active: false });
    const refreshed = await introspectAsResourceServer(String(fresh['refresh_token']));
    expect(refreshed.json).toMatchObject({ active: true, consent: { status: 'Authorised' } });
  });

  it('refuses consumption by anyone but a resource server, and of consents that are not payments', async () => {
    const consentId = String((await introspectAsResourceServer(String(tokens['access_token']))).json['openbanking_intent_id']);
    const consume = (agent: Agent) =>
      undiciFetch(`${fixture.server.mtlsBaseUrl}/resource-server/consents/${consentId}/consume`, { method: 'POST', dispatcher: agent });
    const byClient = await consume(fixture.a.agent);
    expect(byClient.status).toBe(401);
    const notPayment = await consume(fixture.resourceServer);
    expect(notPayment.status).toBe(400);
    expect(((await notPayment.json()) as Record<string, unknown>)['error']).toBe('invalid_request');
    const unknown = await undiciFetch(`${fixture.server.mtlsBaseUrl}/resource-server/consents/obc-unknown/consume`, { method: 'POST', dispatcher: fixture.resourceServer });
    expect(unknown.status).toBe(404);
  });
});
