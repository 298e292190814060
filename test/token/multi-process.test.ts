import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertionClaims, assertionForm, signAssertion } from '../support/assertions.js';
import { startObasCluster, type ObasCluster } from '../support/obas-cluster.js';
import { postgresAvailable } from '../support/postgres.js';
import { postForm } from '../support/tpp-client.js';
import { clientSigningKey, type ClientSigningKey } from '../support/tpp-fixtures.js';

describe.skipIf(!postgresAvailable)('two obas processes on one PostgreSQL', () => {
  let cluster: ObasCluster;
  let key: ClientSigningKey;

  beforeAll(async () => {
    key = await clientSigningKey('PS256', 'k1');
    cluster = await startObasCluster(() => ({
      profile: 'fapi2',
      clients: [
        {
          client_id: 'jwt-client',
          token_endpoint_auth_method: 'private_key_jwt',
          jwks: { keys: [key.publicJwk] },
          grant_types: ['client_credentials'],
          scope: 'accounts',
        },
      ],
    }));
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  it('a private_key_jwt assertion used at one process is refused as a replay by the other', async () => {
    const assertion = await signAssertion(key, assertionClaims('jwt-client', cluster.issuer));
    const first = await postForm(`${cluster.mtlsUrls[0]}/token`, cluster.agent, assertionForm(assertion));
    expect(first.status).toBe(200);
    const replay = await postForm(`${cluster.mtlsUrls[1]}/token`, cluster.agent, assertionForm(assertion));
    expect(replay.status).toBe(401);
    expect(replay.json).toMatchObject({ error: 'invalid_client', error_description: 'The client assertion was already used' });
  });

  it('a token issued by one process introspects at the other, and revocation is shared', async () => {
    const issued = await postForm(`${cluster.mtlsUrls[0]}/token`, cluster.agent, assertionForm(await signAssertion(key, assertionClaims('jwt-client', cluster.issuer))));
    const token = issued.json['access_token'] as string;
    const introspect = async (url: string) =>
      (await postForm(`${url}/introspect`, cluster.agent, assertionForm(await signAssertion(key, assertionClaims('jwt-client', cluster.issuer)), { token }))).json;
    expect(await introspect(cluster.mtlsUrls[1] as string)).toMatchObject({ active: true });
    const revoke = await postForm(`${cluster.mtlsUrls[1]}/revoke`, cluster.agent, assertionForm(await signAssertion(key, assertionClaims('jwt-client', cluster.issuer)), { token }));
    expect(revoke.status).toBe(200);
    expect(await introspect(cluster.mtlsUrls[0] as string)).toEqual({ active: false });
  });
});
