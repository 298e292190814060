import type { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { hashSecret } from '../../src/client-auth/secret-hash.js';
import { assertionClaims, assertionForm, signAssertion } from '../support/assertions.js';
import { prepareDataDir, startTestObas, type TestObas } from '../support/obas-harness.js';
import { postForm, tppAgent } from '../support/tpp-client.js';
import { clientSigningKey, issueTppCertificates, tlsClient, type ClientSigningKey } from '../support/tpp-fixtures.js';

const SECRET = 'secret-that-must-never-be-logged-0123456789';

describe('request logs', () => {
  let server: TestObas;
  let agent: Agent;
  let key: ClientSigningKey;
  const lines: string[] = [];
  const entries = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);

  beforeAll(async () => {
    const { dataDir, pki } = await prepareDataDir();
    const certs = await issueTppCertificates(pki);
    key = await clientSigningKey('PS256', 'k');
    server = await startTestObas({
      dataDir,
      logLines: lines,
      profile: { name: 'fapi2', allowedAuthMethods: ['tls_client_auth', 'private_key_jwt', 'client_secret_post'] },
      clients: [
        tlsClient('tls-client', certs.main),
        { client_id: 'jwt-client', token_endpoint_auth_method: 'private_key_jwt', jwks: { keys: [key.publicJwk] }, grant_types: ['client_credentials'], scope: 'accounts' },
        { client_id: 'post-client', token_endpoint_auth_method: 'client_secret_post', client_secret_hash: await hashSecret(SECRET), grant_types: ['client_credentials'], scope: 'accounts' },
      ],
    });
    agent = tppAgent({ certPem: certs.main.certPem, keyPem: certs.main.keyPem, caPem: pki.caCertPem });
  });

  afterAll(async () => {
    await agent?.close();
    await server?.close();
  });

  it('writes one line per request, keyed by x-fapi-interaction-id, with the refusal reason', async () => {
    const id = 'a1b2c3d4-0000-4000-8000-000000000001';
    const response = await postForm(`${server.mtlsBaseUrl}/token`, agent, 'grant_type=client_credentials&client_id=tls-client&scope=payments', { 'x-fapi-interaction-id': id });
    expect(response.status).toBe(400);
    // The line is written once the response has been sent, which may be after the client has read it.
    const mine = await vi.waitFor(() => {
      const found = entries().filter((entry) => entry['interactionId'] === id);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(mine[0]).toMatchObject({ msg: 'request', path: '/token', status: 400, error: 'invalid_scope', reason: 'scope_not_allowed' });
  });

  it('never logs tokens, secrets or assertions', async () => {
    const issued = await postForm(`${server.mtlsBaseUrl}/token`, agent, 'grant_type=client_credentials&client_id=tls-client');
    const token = issued.json['access_token'] as string;
    await postForm(`${server.mtlsBaseUrl}/introspect`, agent, `client_id=tls-client&token=${token}`);
    await postForm(`${server.mtlsBaseUrl}/token`, agent, `grant_type=client_credentials&client_id=post-client&client_secret=${SECRET}`);
    await postForm(`${server.mtlsBaseUrl}/token`, agent, `grant_type=client_credentials&client_id=post-client&client_secret=${SECRET}x`);
    const assertion = await signAssertion(key, assertionClaims('jwt-client', 'https://wrong.example'));
    await postForm(`${server.mtlsBaseUrl}/token`, agent, assertionForm(assertion));
    const everything = lines.join('\n');
    expect(lines.length).toBeGreaterThan(4);
    for (const secret of [token, SECRET, assertion, assertion.split('.')[2] as string]) expect(everything).not.toContain(secret);
  });
});
