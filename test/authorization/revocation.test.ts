import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { obtainCode, postAs, redeemCode, startAuthorizationFixture, type AuthorizationFixture } from './authorization-fixture.js';

describe('revocation and introspection of user tokens, profile uk-ob', () => {
  let fixture: AuthorizationFixture;

  beforeAll(async () => {
    fixture = await startAuthorizationFixture({ profile: 'uk-ob' });
  });

  afterAll(async () => {
    await fixture?.close();
  });

  async function issue() {
    const { code, verifier } = await obtainCode(fixture);
    const first = await redeemCode(fixture, fixture.a, code, verifier);
    const refreshToken = String(first.json['refresh_token']);
    const second = await postAs(fixture, '/token', fixture.a, { grant_type: 'refresh_token', refresh_token: refreshToken });
    return { refreshToken, accessTokens: [String(first.json['access_token']), String(second.json['access_token'])] };
  }

  const introspect = async (token: string, hint?: string) =>
    (await postAs(fixture, '/introspect', fixture.a, { token, ...(hint === undefined ? {} : { token_type_hint: hint }) })).json;
  const revoke = (token: string, hint?: string, client = fixture.a) =>
    postAs(fixture, '/revoke', client, { token, ...(hint === undefined ? {} : { token_type_hint: hint }) });

  it('introspects refresh tokens too, whatever the hint says', async () => {
    const { refreshToken } = await issue();
    for (const hint of [undefined, 'refresh_token', 'access_token', 'something_else']) {
      const info = await introspect(refreshToken, hint);
      expect(info).toMatchObject({ active: true, client_id: 'tpp-a', scope: 'openid accounts', sub: 'psu-alice', iss: fixture.server.issuer });
      expect(info['token_type']).toBeUndefined();
      expect(info['openbanking_intent_id']).toMatch(/^obc-/);
      expect(info['accounts']).toEqual(['acc-alice-current']);
    }
  });

  it('revoking an access token leaves the refresh token and the other access tokens', async () => {
    const { refreshToken, accessTokens } = await issue();
    expect((await revoke(accessTokens[0] ?? '', 'access_token')).status).toBe(200);
    expect(await introspect(accessTokens[0] ?? '')).toEqual({ active: false });
    expect((await introspect(accessTokens[1] ?? ''))['active']).toBe(true);
    expect((await introspect(refreshToken))['active']).toBe(true);
  });

  it('revoking a refresh token revokes every access token issued from it (RFC 7009 §2.1)', async () => {
    const { refreshToken, accessTokens } = await issue();
    expect((await revoke(refreshToken)).status).toBe(200);
    expect(await introspect(refreshToken)).toEqual({ active: false });
    for (const token of accessTokens) expect(await introspect(token)).toEqual({ active: false });
    const refreshed = await postAs(fixture, '/token', fixture.a, { grant_type: 'refresh_token', refresh_token: refreshToken });
    expect(refreshed.json['error']).toBe('invalid_grant');
  });

  it("refuses to revoke another client's refresh token", async () => {
    const { refreshToken } = await issue();
    const byB = await revoke(refreshToken, 'refresh_token', fixture.b);
    expect(byB.status).toBe(400);
    expect(byB.json['error']).toBe('unauthorized_client');
    expect((await introspect(refreshToken))['active']).toBe(true);
  });
});
