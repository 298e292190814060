import { randomUUID } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, SignJWT } from 'jose';
import type { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port.js';
import { prepareDataDir } from '../support/obas-harness.js';
import { spawnObas, type ObasProcess } from '../support/obas-process.js';
import { createTestDatabase, postgresAvailable, type TestDatabase } from '../support/postgres.js';
import { postForm, tppAgent } from '../support/tpp-client.js';
import { issueTppCertificates, tlsClient } from '../support/tpp-fixtures.js';

/**
 * Two obas processes behind one mTLS address (as behind a load balancer: both are configured with the same
 * `mtls.baseUrl`, so a proof's `htu` fits either) on one PostgreSQL database.
 */
describe.skipIf(!postgresAvailable)('DPoP proof jti replay across two obas processes on one PostgreSQL', () => {
  let db: TestDatabase | undefined;
  let processes: ObasProcess[] = [];
  let agent: Agent;
  let publicBaseUrl: string;
  let directUrls: string[];

  beforeAll(async () => {
    db = await createTestDatabase();
    const { dataDir, pki } = await prepareDataDir();
    const certs = await issueTppCertificates(pki);
    const ports = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
    const issuer = `https://localhost:${ports[0]}`;
    publicBaseUrl = `https://localhost:${ports[1]}`;
    directUrls = [`https://localhost:${ports[1]}`, `https://localhost:${ports[3]}`];
    const shared = { issuer, dataDir, database: { url: db?.url }, profile: 'fapi2', clients: [tlsClient('tls-client', certs.main)] };
    processes = await Promise.all(
      [0, 1].map((i) =>
        spawnObas(dataDir, `dpop-node-${i}`, {
          ...shared,
          frontChannel: { host: '127.0.0.1', port: ports[i * 2] },
          mtls: { host: '127.0.0.1', port: ports[i * 2 + 1], baseUrl: publicBaseUrl },
        }),
      ),
    );
    agent = tppAgent({ certPem: certs.main.certPem, keyPem: certs.main.keyPem, caPem: pki.caCertPem });
  }, 60_000);

  afterAll(async () => {
    await agent?.close();
    await Promise.all(processes.map((process) => process.stop()));
    await db?.drop();
  });

  it('the same proof sent to both processes at once is accepted exactly once', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const jwk = await exportJWK(publicKey);
    const proof = await new SignJWT({ jti: randomUUID(), htm: 'POST', htu: `${publicBaseUrl}/token`, iat: Math.floor(Date.now() / 1000) })
      .setProtectedHeader({ typ: 'dpop+jwt', alg: 'ES256', jwk })
      .sign(privateKey);
    const form = new URLSearchParams({ client_id: 'tls-client', grant_type: 'client_credentials', scope: 'accounts' }).toString();
    const answers = await Promise.all(directUrls.map((url) => postForm(`${url}/token`, agent, form, { dpop: proof })));
    const accepted = answers.filter((answer) => answer.status === 200);
    const refused = answers.filter((answer) => answer.status !== 200);
    expect(accepted).toHaveLength(1);
    expect(accepted[0]?.json).toMatchObject({ token_type: 'DPoP' });
    expect(refused.map((answer) => answer.json)).toEqual([{ error: 'invalid_dpop_proof', error_description: 'The DPoP proof was already used (jti)' }]);

    const introspection = await postForm(`${directUrls[1]}/introspect`, agent, new URLSearchParams({ client_id: 'tls-client', token: String(accepted[0]?.json['access_token']) }).toString());
    expect(introspection.json).toMatchObject({ active: true, token_type: 'DPoP', cnf: { jkt: await calculateJwkThumbprint(jwk) } });
  });

  it('a proof used at one process is refused by the other afterwards', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const proof = await new SignJWT({ jti: randomUUID(), htm: 'POST', htu: `${publicBaseUrl}/token`, iat: Math.floor(Date.now() / 1000) })
      .setProtectedHeader({ typ: 'dpop+jwt', alg: 'ES256', jwk: await exportJWK(publicKey) })
      .sign(privateKey);
    const form = new URLSearchParams({ client_id: 'tls-client', grant_type: 'client_credentials', scope: 'accounts' }).toString();
    expect((await postForm(`${directUrls[0]}/token`, agent, form, { dpop: proof })).status).toBe(200);
    const replay = await postForm(`${directUrls[1]}/token`, agent, form, { dpop: proof });
    expect(replay.status).toBe(400);
    expect(replay.json['error']).toBe('invalid_dpop_proof');
  });
});
