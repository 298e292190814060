import { setTimeout as delay } from 'node:timers/promises';
import { decodeJwt } from 'jose';
import * as oauth from 'oauth4webapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CIBA, decide, pollToken, signedRequest, signInToBankApp, startCibaFixture, startRequest, type CibaFixture, type CibaTpp } from './ciba-fixture.js';

/** OpenID CIBA Core 1.0 with FAPI-CIBA over real mTLS, driven by oauth4webapi as the client and HTTP as the PSU. */
describe('CIBA (poll and ping) at /backchannel-authentication and the CIBA grant', () => {
  let fixture: CibaFixture;

  beforeAll(async () => {
    fixture = await startCibaFixture();
  });

  afterAll(async () => {
    await fixture?.close();
  });

  const start = async (tpp: CibaTpp, claims: Record<string, unknown> = {}) => {
    const request = await signedRequest(fixture, tpp, claims);
    const response = await startRequest(fixture, tpp, request);
    return oauth.processBackchannelAuthenticationResponse(fixture.as, tpp.client, response);
  };
  const errorOf = async (response: Response) => ({ status: response.status, ...((await response.json()) as { error: string; error_description?: string }) });

  it('publishes the CIBA metadata in discovery', () => {
    expect(fixture.as).toMatchObject({
      backchannel_authentication_endpoint: `${fixture.server.mtlsBaseUrl}/backchannel-authentication`,
      backchannel_token_delivery_modes_supported: ['poll', 'ping'],
      backchannel_authentication_request_signing_alg_values_supported: ['PS256', 'ES256'],
      backchannel_user_code_parameter_supported: false,
      mtls_endpoint_aliases: expect.objectContaining({ backchannel_authentication_endpoint: `${fixture.server.mtlsBaseUrl}/backchannel-authentication` }),
    });
    expect(fixture.as.grant_types_supported).toContain(CIBA);
  });

  it('poll: pending until the PSU approves on the bank app, then tokens once', async () => {
    const message = 'POLL-1';
    const started = await start(fixture.poll, { binding_message: message });
    expect(started.auth_req_id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(started).toMatchObject({ expires_in: 300, interval: 5 });
    const pending = await pollToken(fixture, fixture.poll, started.auth_req_id);
    expect(await errorOf(pending)).toMatchObject({ status: 400, error: 'authorization_pending' });
    const page = await signInToBankApp(fixture.psu, 'alice');
    expect(page.body).toContain('Polly Budget');
    const decided = await decide(fixture.psu, page, message, 'approve');
    expect(decided).toMatchObject({ status: 303, location: '/bank-app?notice=approved' });
    await delay(5_100);
    const response = await pollToken(fixture, fixture.poll, started.auth_req_id);
    const tokens = await oauth.processBackchannelAuthenticationGrantResponse(fixture.as, fixture.poll.client, response);
    expect(tokens).toMatchObject({ token_type: 'bearer', scope: 'openid accounts' });
    expect(typeof tokens.refresh_token).toBe('string');
    expect(decodeJwt(String(tokens.id_token))).toMatchObject({ sub: 'psu-alice', aud: 'tpp-poll', iss: fixture.server.issuer });
    await delay(5_100);
    expect(await errorOf(await pollToken(fixture, fixture.poll, started.auth_req_id))).toMatchObject({ error: 'invalid_grant' });
  }, 30_000);

  it('ping: the client notification endpoint gets the Bearer client_notification_token, then the client polls', async () => {
    const message = 'PING-1';
    const token = 'cnt-0123456789abcdef0123456789abcdef';
    const started = await start(fixture.ping, { binding_message: message, client_notification_token: token });
    const page = await signInToBankApp(fixture.psu, 'alice');
    await decide(fixture.psu, page, message, 'approve');
    for (let i = 0; i < 50 && fixture.pings.length === 0; i += 1) await delay(100);
    expect(fixture.pings).toEqual([{ authorization: `Bearer ${token}`, body: JSON.stringify({ auth_req_id: started.auth_req_id }) }]);
    const tokens = await oauth.processBackchannelAuthenticationGrantResponse(fixture.as, fixture.ping.client, await pollToken(fixture, fixture.ping, started.auth_req_id));
    expect(decodeJwt(String(tokens.id_token))).toMatchObject({ sub: 'psu-alice', aud: 'tpp-ping' });
  }, 30_000);

  it('ping to an unreachable endpoint: the request still completes by polling', async () => {
    const message = 'DEAD-1';
    const started = await start(fixture.deadPing, { binding_message: message });
    const page = await signInToBankApp(fixture.psu, 'alice');
    expect(await decide(fixture.psu, page, message, 'approve')).toMatchObject({ status: 303 });
    const tokens = await oauth.processBackchannelAuthenticationGrantResponse(fixture.as, fixture.deadPing.client, await pollToken(fixture, fixture.deadPing, started.auth_req_id));
    expect(tokens.access_token).toEqual(expect.any(String));
    const pingFailure = () => fixture.logLines.map((line) => JSON.parse(line) as Record<string, unknown>).find((line) => line['msg'] === 'CIBA ping failed; not retried, the client can still poll');
    for (let i = 0; i < 50 && pingFailure() === undefined; i += 1) await delay(100);
    const failed = pingFailure();
    expect(failed).toMatchObject({ clientId: 'tpp-dead', endpoint: expect.stringContaining('/ciba-ping') });
  }, 30_000);

  it('denied: the token request gets access_denied', async () => {
    const message = 'DENY-1';
    const started = await start(fixture.poll, { binding_message: message });
    const page = await signInToBankApp(fixture.psu, 'alice');
    expect(await decide(fixture.psu, page, message, 'deny')).toMatchObject({ status: 303, location: '/bank-app?notice=denied' });
    expect(await errorOf(await pollToken(fixture, fixture.poll, started.auth_req_id))).toMatchObject({ status: 400, error: 'access_denied' });
  });

  it('polling too fast: slow_down', async () => {
    const started = await start(fixture.poll);
    expect(await errorOf(await pollToken(fixture, fixture.poll, started.auth_req_id))).toMatchObject({ error: 'authorization_pending' });
    expect(await errorOf(await pollToken(fixture, fixture.poll, started.auth_req_id))).toMatchObject({ error: 'slow_down' });
  });

  it('expired request: expired_token, and the bank app no longer offers it', async () => {
    const message = 'EXPIRE-1';
    const started = await start(fixture.poll, { binding_message: message, requested_expiry: 1 });
    expect(started.expires_in).toBe(1);
    await delay(1_200);
    expect(await errorOf(await pollToken(fixture, fixture.poll, started.auth_req_id))).toMatchObject({ error: 'expired_token' });
    expect((await signInToBankApp(fixture.psu, 'alice')).body).not.toContain(message);
  });

  it('refuses an unsigned request (plain parameters)', async () => {
    const response = await startRequest(fixture, fixture.poll, undefined, { scope: 'openid accounts', login_hint: 'alice' });
    expect(await errorOf(response)).toMatchObject({ status: 400, error: 'invalid_request', error_description: expect.stringContaining('must be signed') });
  });

  it('refuses a request signed with a key that is not the client’s', async () => {
    const request = await signedRequest(fixture, { ...fixture.poll, key: fixture.plain.key });
    expect(await errorOf(await startRequest(fixture, fixture.poll, request))).toMatchObject({ status: 400, error: 'invalid_request' });
  });

  it('refuses alg none and an algorithm other than the registered one', async () => {
    const [header, payload] = (await signedRequest(fixture, fixture.poll)).split('.');
    const none = `${Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')}.${payload}.`;
    expect(await errorOf(await startRequest(fixture, fixture.poll, none))).toMatchObject({ error: 'invalid_request' });
    expect(header).toBeDefined();
    const es256 = await signedRequest(fixture, { ...fixture.poll, key: fixture.ping.key }, {}, 'ES256');
    expect(await errorOf(await startRequest(fixture, fixture.poll, es256))).toMatchObject({ error: 'invalid_request', error_description: expect.stringContaining('registered algorithm') });
  });

  it('refuses exp more than 60 minutes after nbf', async () => {
    const now = Math.floor(Date.now() / 1000);
    const request = await signedRequest(fixture, fixture.poll, { nbf: now - 5, exp: now + 3700 });
    expect(await errorOf(await startRequest(fixture, fixture.poll, request))).toMatchObject({ error: 'invalid_request' });
  });

  it('refuses a missing aud, and another aud', async () => {
    expect(await errorOf(await startRequest(fixture, fixture.poll, await signedRequest(fixture, fixture.poll, { aud: undefined })))).toMatchObject({ error: 'invalid_request' });
    expect(await errorOf(await startRequest(fixture, fixture.poll, await signedRequest(fixture, fixture.poll, { aud: 'https://other.example' })))).toMatchObject({ error: 'invalid_request' });
  });

  it('refuses a reused jti', async () => {
    const request = await signedRequest(fixture, fixture.poll);
    expect((await startRequest(fixture, fixture.poll, request)).status).toBe(200);
    expect(await errorOf(await startRequest(fixture, fixture.poll, request))).toMatchObject({ error: 'invalid_request', error_description: expect.stringContaining('already used') });
  });

  it('answers unknown_user_id, invalid_scope, invalid_binding_message, and refuses login_hint_token', async () => {
    const refused = async (claims: Record<string, unknown>) => errorOf(await startRequest(fixture, fixture.poll, await signedRequest(fixture, fixture.poll, claims)));
    expect(await refused({ login_hint: 'nobody' })).toMatchObject({ status: 400, error: 'unknown_user_id' });
    expect(await refused({ scope: 'accounts' })).toMatchObject({ error: 'invalid_scope' });
    expect(await refused({ binding_message: 'x'.repeat(129) })).toMatchObject({ error: 'invalid_binding_message' });
    expect(await refused({ login_hint: undefined, login_hint_token: 'opaque' })).toMatchObject({ error: 'invalid_request' });
    expect(await refused({ id_token_hint: 'not.a.jwt' })).toMatchObject({ error: 'invalid_request' });
  });

  it('requires client_notification_token in ping mode', async () => {
    const request = await signedRequest(fixture, fixture.ping, { client_notification_token: undefined });
    expect(await errorOf(await startRequest(fixture, fixture.ping, request))).toMatchObject({ error: 'invalid_request' });
  });

  it('refuses a client without the CIBA grant: unauthorized_client', async () => {
    const request = await signedRequest(fixture, fixture.plain, { scope: 'openid accounts' });
    expect(await errorOf(await startRequest(fixture, fixture.plain, request))).toMatchObject({ status: 400, error: 'unauthorized_client' });
  });

  it('accepts an id_token_hint obas issued to the client', async () => {
    const message = 'HINT-1';
    const first = await start(fixture.poll, { binding_message: message });
    await decide(fixture.psu, await signInToBankApp(fixture.psu, 'alice'), message, 'approve');
    const tokens = await oauth.processBackchannelAuthenticationGrantResponse(fixture.as, fixture.poll.client, await pollToken(fixture, fixture.poll, first.auth_req_id));
    const again = await start(fixture.poll, { login_hint: undefined, id_token_hint: String(tokens.id_token) });
    expect(again.auth_req_id).toEqual(expect.any(String));
  });

  it('an auth_req_id of another client is invalid_grant', async () => {
    const started = await start(fixture.poll);
    expect(await errorOf(await pollToken(fixture, fixture.ping, started.auth_req_id))).toMatchObject({ error: 'invalid_grant' });
  });
});
