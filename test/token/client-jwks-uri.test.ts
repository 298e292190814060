import { createServer, type Server } from 'node:https';
import { rootCertificates } from 'node:tls';
import type { JWK } from 'jose';
import { Agent, getGlobalDispatcher, setGlobalDispatcher, type Dispatcher } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueSelfSignedCertificate, type IssuedCertificate } from '../../src/pki/tpp-certificate.js';
import { assertionClaims, assertionForm, signAssertion } from '../support/assertions.js';
import { prepareDataDir, startTestObas, type TestObas } from '../support/obas-harness.js';
import { postForm, tppAgent } from '../support/tpp-client.js';
import { clientSigningKey, issueTppCertificates, type ClientSigningKey, type TppCertificates } from '../support/tpp-fixtures.js';

const COMMON = { grant_types: ['client_credentials'], scope: 'accounts' };

describe('clients whose keys live at a jwks_uri', () => {
  let server: TestObas;
  let keyServer: Server;
  let fetches = 0;
  let previousDispatcher: Dispatcher;
  let certs: TppCertificates;
  let first: ClientSigningKey;
  let rotated: ClientSigningKey;
  let rotatedCertificate: IssuedCertificate;
  const documents: Record<string, JWK[]> = {};
  const agents: Agent[] = [];

  const token = (body: string, cert: IssuedCertificate) => {
    const agent = tppAgent({ certPem: cert.certPem, keyPem: cert.keyPem, caPem: server.pki.caCertPem });
    agents.push(agent);
    return postForm(`${server.mtlsBaseUrl}/token`, agent, body);
  };
  const jwtToken = async (key: ClientSigningKey) =>
    token(assertionForm(await signAssertion(key, assertionClaims('uri-jwt', server.issuer))), certs.main);

  beforeAll(async () => {
    const { dataDir, pki } = await prepareDataDir();
    certs = await issueTppCertificates(pki);
    rotatedCertificate = await issueSelfSignedCertificate({ organization: 'Self Signed TPP', commonName: 'tpp-self-2', keyType: 'ec' });
    [first, rotated] = await Promise.all([clientSigningKey('PS256', 'first'), clientSigningKey('ES256', 'rotated')]);
    documents['/jwt.jwks'] = [first.publicJwk];
    documents['/self.jwks'] = [certs.selfSigned.publicJwk];
    keyServer = createServer({ key: pki.serverKeyPem, cert: pki.serverCertPem }, (request, response) => {
      fetches += 1;
      const keys = documents[request.url ?? ''];
      if (keys === undefined) response.writeHead(404).end();
      else response.writeHead(200, { 'content-type': 'application/jwk-set+json' }).end(JSON.stringify({ keys }));
    });
    await new Promise<void>((done) => keyServer.listen(0, '127.0.0.1', done));
    const keyServerUrl = `https://localhost:${(keyServer.address() as { port: number }).port}`;
    previousDispatcher = getGlobalDispatcher();
    setGlobalDispatcher(new Agent({ connect: { ca: [...rootCertificates, pki.caCertPem] } }));
    server = await startTestObas({
      dataDir,
      profile: 'fapi2',
      clients: [
        { ...COMMON, client_id: 'uri-jwt', token_endpoint_auth_method: 'private_key_jwt', jwks_uri: `${keyServerUrl}/jwt.jwks` },
        { ...COMMON, client_id: 'uri-self', token_endpoint_auth_method: 'self_signed_tls_client_auth', jwks_uri: `${keyServerUrl}/self.jwks` },
      ],
    });
  });

  afterAll(async () => {
    setGlobalDispatcher(previousDispatcher);
    await Promise.all(agents.map((agent) => agent.close()));
    await server?.close();
    await new Promise((done) => keyServer.close(done));
  });

  it('private_key_jwt: a rotated key is fetched at once; a retired one stops working', async () => {
    expect((await jwtToken(first)).status).toBe(200);
    const cachedFetches = fetches;
    expect((await jwtToken(first)).status).toBe(200);
    expect(fetches).toBe(cachedFetches);

    documents['/jwt.jwks'] = [rotated.publicJwk];
    expect((await jwtToken(rotated)).status).toBe(200);
    expect(fetches).toBe(cachedFetches + 1);

    const retired = await jwtToken(first);
    expect(retired.status).toBe(401);
    expect(retired.json['error']).toBe('invalid_client');
    expect(fetches).toBe(cachedFetches + 1);
  });

  it('self_signed_tls_client_auth: a new certificate whose key was just published is accepted', async () => {
    expect((await token('grant_type=client_credentials&client_id=uri-self', certs.selfSigned)).status).toBe(200);
    documents['/self.jwks'] = [certs.selfSigned.publicJwk, rotatedCertificate.publicJwk];
    const renewed = await token('grant_type=client_credentials&client_id=uri-self', rotatedCertificate);
    expect(renewed.status).toBe(200);
    const stranger = await token('grant_type=client_credentials&client_id=uri-self', certs.san);
    expect(stranger.status).toBe(401);
    expect(stranger.json['error_description']).toMatch(/key is not registered/);
  });
});
