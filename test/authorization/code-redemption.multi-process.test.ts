import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startObasCluster, type ObasCluster } from '../support/obas-cluster.js';
import { postgresAvailable } from '../support/postgres.js';
import { authorizeAsPsu, PsuHttpClient } from '../support/psu-http.js';
import { postForm } from '../support/tpp-client.js';
import { pkcePair } from './authorization-fixture.js';

describe.skipIf(!postgresAvailable)('one authorization code, two obas processes on one PostgreSQL', () => {
  let cluster: ObasCluster;
  let psu: PsuHttpClient;

  beforeAll(async () => {
    cluster = await startObasCluster((certs) => ({
      profile: 'stet',
      clients: [
        {
          client_id: 'tpp-a',
          client_name: 'Alpha Budgeting',
          token_endpoint_auth_method: 'tls_client_auth',
          tls_client_auth_subject_dn: certs.main.subjectDn,
          grant_types: ['authorization_code', 'refresh_token'],
          redirect_uris: ['https://tpp-a.example/cb'],
          scope: 'aisp',
        },
      ],
    }));
    psu = new PsuHttpClient(cluster.issuer, cluster.caPem);
  });

  afterAll(async () => {
    await psu?.close();
    await cluster?.stop();
  });

  it('of 50 parallel redemptions across both processes exactly one succeeds, and its tokens are then revoked', async () => {
    const { verifier, challenge } = await pkcePair();
    const query = new URLSearchParams({
      client_id: 'tpp-a',
      redirect_uri: 'https://tpp-a.example/cb',
      response_type: 'code',
      scope: 'aisp',
      state: 'race',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    const location = await authorizeAsPsu(psu, `${cluster.issuer}/authorize?${query.toString()}`);
    const code = new URL(location).searchParams.get('code') ?? '';
    const form = new URLSearchParams({ grant_type: 'authorization_code', client_id: 'tpp-a', code, code_verifier: verifier, redirect_uri: 'https://tpp-a.example/cb' });
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) => postForm(`${cluster.mtlsUrls[i % 2]}/token`, cluster.agent, form.toString())),
    );
    const winners = responses.filter((response) => response.status === 200);
    expect(winners).toHaveLength(1);
    expect(responses.filter((response) => response.json['error'] === 'invalid_grant')).toHaveLength(49);
    const token = String(winners[0]?.json['access_token']);
    for (const url of cluster.mtlsUrls) {
      const info = await postForm(`${url}/introspect`, cluster.agent, new URLSearchParams({ client_id: 'tpp-a', token }).toString());
      expect(info.json).toEqual({ active: false });
    }
  });
});
