import { fetch as undiciFetch, type Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareDataDir, startTestObas, type TestObas } from '../support/obas-harness.js';
import { tppAgent } from '../support/tpp-client.js';
import { issueTppCertificates, tlsClient, type TppCertificates } from '../support/tpp-fixtures.js';

const der = (pem: string) => Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
const structuredBytes = (pem: string) => `:${der(pem).toString('base64')}:`;

describe.each([
  { name: 'a trusted proxy', trustedProxies: ['127.0.0.1', '::1'], accepted: true },
  { name: 'an untrusted peer', trustedProxies: ['10.0.0.0/8'], accepted: false },
])('RFC 9440 Client-Cert from $name', ({ trustedProxies, accepted }) => {
  let server: TestObas;
  let certs: TppCertificates;
  let proxy: Agent;

  beforeAll(async () => {
    const { dataDir, pki } = await prepareDataDir();
    certs = await issueTppCertificates(pki);
    server = await startTestObas({
      dataDir,
      extra: { trustedProxies },
      clients: [tlsClient('tls-client', certs.main)],
    });
    proxy = tppAgent({ caPem: pki.caCertPem });
  });

  afterAll(async () => {
    await proxy?.close();
    await server?.close();
  });

  const post = (headers: Record<string, string>) =>
    undiciFetch(`${server.mtlsBaseUrl}/token`, {
      method: 'POST',
      dispatcher: proxy,
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: 'grant_type=client_credentials&client_id=tls-client',
    });

  it(`${accepted ? 'authenticates' : 'ignores'} the forwarded certificate`, async () => {
    const response = await post({ 'client-cert': structuredBytes(certs.main.certPem) });
    expect(response.status).toBe(accepted ? 200 : 401);
    const body = (await response.json()) as Record<string, unknown>;
    if (!accepted) expect(body['error']).toBe('invalid_client');
  });

  it.runIf(accepted)('a malformed Client-Cert header is a 400, not a crash', async () => {
    const response = await post({ 'client-cert': 'garbage' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toBe('invalid_request');
  });

  it.runIf(accepted)('forwarded certificate with its chain in Client-Cert-Chain', async () => {
    const response = await post({ 'client-cert': structuredBytes(certs.main.certPem), 'client-cert-chain': structuredBytes(server.pki.caCertPem) });
    expect(response.status).toBe(200);
  });
});
