import type { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertionClaims, assertionForm, signAssertion } from '../support/assertions.js';
import { freePort } from '../support/free-port.js';
import { prepareDataDir } from '../support/obas-harness.js';
import { spawnObas, type ObasProcess } from '../support/obas-process.js';
import { createTestDatabase, postgresAvailable, type TestDatabase } from '../support/postgres.js';
import { postForm, tppAgent } from '../support/tpp-client.js';
import { clientSigningKey, issueTppCertificates, type ClientSigningKey } from '../support/tpp-fixtures.js';

describe.skipIf(!postgresAvailable)('two obas processes on one PostgreSQL', () => {
  let db: TestDatabase | undefined;
  let processes: ObasProcess[] = [];
  let key: ClientSigningKey;
  let agent: Agent;
  let issuer: string;
  const mtlsUrls: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    const { dataDir, pki } = await prepareDataDir();
    const certs = await issueTppCertificates(pki);
    key = await clientSigningKey('PS256', 'k1');
    agent = tppAgent({ certPem: certs.main.certPem, keyPem: certs.main.keyPem, caPem: pki.caCertPem });
    const ports = [await freePort(), await freePort(), await freePort(), await freePort()];
    issuer = `https://localhost:${ports[0]}`;
    const shared = {
      issuer,
      dataDir,
      database: { url: db?.url },
      mtls: { baseUrl: `https://localhost:${ports[1]}` },
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
    };
    processes = await Promise.all(
      [0, 1].map((i) => {
        const front = ports[i * 2] as number;
        const mtls = ports[i * 2 + 1] as number;
        mtlsUrls.push(`https://localhost:${mtls}`);
        return spawnObas(dataDir, `node-${i}`, {
          ...shared,
          frontChannel: { host: '127.0.0.1', port: front },
          mtls: { ...shared.mtls, host: '127.0.0.1', port: mtls },
        });
      }),
    );
  });

  afterAll(async () => {
    await agent?.close();
    await Promise.all(processes.map((process) => process.stop()));
    await db?.drop();
  });

  it('a private_key_jwt assertion used at one process is refused as a replay by the other', async () => {
    const assertion = await signAssertion(key, assertionClaims('jwt-client', issuer));
    const first = await postForm(`${mtlsUrls[0]}/token`, agent, assertionForm(assertion));
    expect(first.status).toBe(200);
    const replay = await postForm(`${mtlsUrls[1]}/token`, agent, assertionForm(assertion));
    expect(replay.status).toBe(401);
    expect(replay.json).toMatchObject({ error: 'invalid_client', error_description: 'The client assertion was already used' });
  });

  it('a token issued by one process introspects at the other, and revocation is shared', async () => {
    const issued = await postForm(`${mtlsUrls[0]}/token`, agent, assertionForm(await signAssertion(key, assertionClaims('jwt-client', issuer))));
    const token = issued.json['access_token'] as string;
    const introspect = async (url: string) =>
      (await postForm(`${url}/introspect`, agent, assertionForm(await signAssertion(key, assertionClaims('jwt-client', issuer)), { token }))).json;
    expect(await introspect(mtlsUrls[1] as string)).toMatchObject({ active: true });
    const revoke = await postForm(`${mtlsUrls[1]}/revoke`, agent, assertionForm(await signAssertion(key, assertionClaims('jwt-client', issuer)), { token }));
    expect(revoke.status).toBe(200);
    expect(await introspect(mtlsUrls[0] as string)).toEqual({ active: false });
  });
});
