import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { fetch as undiciFetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pkcePair } from '../authorization/authorization-fixture.js';
import { startObasCluster, type ObasCluster } from '../support/obas-cluster.js';
import { postgresAvailable } from '../support/postgres.js';
import { authorizeAsPsu, PsuHttpClient } from '../support/psu-http.js';
import { postForm } from '../support/tpp-client.js';
import { clientSigningKey, type ClientSigningKey } from '../support/tpp-fixtures.js';

const REDIRECT_URI = 'https://tpp-a.example/cb';

describe.skipIf(!postgresAvailable)('a consent DELETE on one obas process racing refreshes on another, one PostgreSQL', () => {
  let cluster: ObasCluster;
  let psu: PsuHttpClient;
  let key: ClientSigningKey;

  beforeAll(async () => {
    key = await clientSigningKey('PS256', 'a-1');
    cluster = await startObasCluster((certs) => ({
      profile: 'uk-ob',
      clients: [
        {
          client_id: 'tpp-a',
          token_endpoint_auth_method: 'tls_client_auth',
          tls_client_auth_subject_dn: certs.main.subjectDn,
          grant_types: ['authorization_code', 'refresh_token', 'client_credentials'],
          response_types: ['code id_token'],
          redirect_uris: [REDIRECT_URI],
          scope: 'openid accounts',
          jwks: { keys: [key.publicJwk] },
        },
      ],
    }));
    psu = new PsuHttpClient(cluster.issuer, cluster.caPem);
  });

  afterAll(async () => {
    await psu?.close();
    await cluster?.stop();
  });

  const [first, second] = [0, 1].map((i) => (path: string, form: Record<string, string>) =>
    postForm(`${cluster.mtlsUrls[i]}${path}`, cluster.agent, new URLSearchParams({ client_id: 'tpp-a', ...form }).toString()),
  ) as [(path: string, form: Record<string, string>) => ReturnType<typeof postForm>, (path: string, form: Record<string, string>) => ReturnType<typeof postForm>];

  async function authorisedConsent(): Promise<{ consentId: string; refreshToken: string; consentUrl: string; bearer: string }> {
    const bearer = String((await first('/token', { grant_type: 'client_credentials', scope: 'accounts' })).json['access_token']);
    const consentUrl = `${cluster.mtlsUrls[0]}/open-banking/v3.1/aisp/account-access-consents`;
    const staged = await undiciFetch(consentUrl, {
      method: 'POST',
      headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
      body: JSON.stringify({ Data: { Permissions: ['ReadAccountsBasic', 'ReadBalances'] }, Risk: {} }),
      dispatcher: cluster.agent,
    });
    const consentId = String(((await staged.json()) as { Data: { ConsentId: string } }).Data.ConsentId);
    const { verifier, challenge } = await pkcePair();
    const now = Math.floor(Date.now() / 1000);
    const requestObject = await new SignJWT({
      iss: 'tpp-a',
      aud: cluster.issuer,
      nbf: now - 5,
      iat: now,
      exp: now + 300,
      jti: randomUUID(),
      client_id: 'tpp-a',
      redirect_uri: REDIRECT_URI,
      response_type: 'code id_token',
      scope: 'openid accounts',
      state: 'race',
      nonce: randomUUID(),
      code_challenge: challenge,
      code_challenge_method: 'S256',
      claims: { id_token: { openbanking_intent_id: { value: consentId, essential: true } } },
    })
      .setProtectedHeader({ alg: 'PS256', kid: key.kid, typ: 'oauth-authz-req+jwt' })
      .sign(key.privateKey);
    const location = await authorizeAsPsu(psu, `${cluster.issuer}/authorize?${new URLSearchParams({ client_id: 'tpp-a', request: requestObject }).toString()}`);
    const code = new URLSearchParams(new URL(location).hash.slice(1)).get('code') ?? '';
    const tokens = await first('/token', { grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: REDIRECT_URI });
    return { consentId, refreshToken: String(tokens.json['refresh_token']), consentUrl: `${consentUrl}/${consentId}`, bearer };
  }

  it('lets no refresh sent after the DELETE answered succeed, and leaves no token of the consent active', async () => {
    const { refreshToken, consentUrl, bearer } = await authorisedConsent();
    const outcomes: { sentAt: number; status: number; description?: string; accessToken?: string }[] = [];
    let running = true;
    const worker = async () => {
      while (running) {
        const sentAt = performance.now();
        const response = await second('/token', { grant_type: 'refresh_token', refresh_token: refreshToken });
        outcomes.push({
          sentAt,
          status: response.status,
          ...(typeof response.json['error_description'] === 'string' ? { description: response.json['error_description'] } : {}),
          ...(typeof response.json['access_token'] === 'string' ? { accessToken: response.json['access_token'] } : {}),
        });
      }
    };
    const workers = Array.from({ length: 4 }, worker);
    await new Promise((resolve) => setTimeout(resolve, 400));
    const deleted = await undiciFetch(consentUrl, { method: 'DELETE', headers: { authorization: `Bearer ${bearer}` }, dispatcher: cluster.agent });
    const deleteAnsweredAt = performance.now();
    expect(deleted.status).toBe(204);
    await new Promise((resolve) => setTimeout(resolve, 400));
    running = false;
    await Promise.all(workers);

    const before = outcomes.filter((outcome) => outcome.sentAt < deleteAnsweredAt);
    const after = outcomes.filter((outcome) => outcome.sentAt > deleteAnsweredAt);
    expect(before.some((outcome) => outcome.status === 200)).toBe(true);
    expect(after.length).toBeGreaterThan(0);
    for (const outcome of after) {
      expect(outcome.status).toBe(400);
      expect(outcome.description).toMatch(/^U028 UK\.OBIE\.Reauthenticate: /);
    }
    const issued = outcomes.flatMap((outcome) => (outcome.accessToken === undefined ? [] : [outcome.accessToken]));
    for (const token of [...issued, refreshToken]) {
      for (const introspect of [first, second]) expect((await introspect('/introspect', { token })).json).toStrictEqual({ active: false });
    }
  });
});
