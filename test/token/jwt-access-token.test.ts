import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from 'jose';
import { fetch as undiciFetch, type Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareDataDir, startTestObas, type TestObas } from '../support/obas-harness.js';
import { postForm, tppAgent } from '../support/tpp-client.js';
import { issueTppCertificates, type TppCertificates } from '../support/tpp-fixtures.js';

describe.each(['PS256', 'ES256'] as const)('RFC 9068 JWT access tokens signed %s', (alg) => {
  let server: TestObas;
  let certs: TppCertificates;
  let agent: Agent;
  let otherAgent: Agent;

  beforeAll(async () => {
    const { dataDir, pki } = await prepareDataDir();
    certs = await issueTppCertificates(pki);
    const common = { grant_types: ['client_credentials'], scope: 'accounts payments', token_endpoint_auth_method: 'tls_client_auth' };
    server = await startTestObas({
      dataDir,
      profile: { name: 'uk-ob', accessTokenFormat: 'jwt', accessTokenSigningAlg: alg },
      clients: [
        { ...common, client_id: 'tls-client', tls_client_auth_subject_dn: certs.main.subjectDn },
        { ...common, client_id: 'other-client', tls_client_auth_subject_dn: certs.other.subjectDn },
      ],
    });
    agent = tppAgent({ certPem: certs.main.certPem, keyPem: certs.main.keyPem, caPem: pki.caCertPem });
    otherAgent = tppAgent({ certPem: certs.other.certPem, keyPem: certs.other.keyPem, caPem: pki.caCertPem });
  });

  afterAll(async () => {
    await Promise.all([agent?.close(), otherAgent?.close()]);
    await server?.close();
  });

  const issue = async (clientAgent: Agent, clientId: string) => {
    const response = await postForm(`${server.mtlsBaseUrl}/token`, clientAgent, `grant_type=client_credentials&client_id=${clientId}&scope=payments`);
    expect(response.status).toBe(200);
    return response.json['access_token'] as string;
  };

  it('is an at+jwt verifiable with the published JWKS, with cnf and RFC 9068 claims', async () => {
    const token = await issue(agent, 'tls-client');
    const jwks = (await (await undiciFetch(`${server.issuer}/jwks`, { dispatcher: agent })).json()) as JSONWebKeySet;
    for (const jwk of jwks.keys) {
      for (const member of ['d', 'p', 'q', 'dp', 'dq', 'qi']) expect(jwk).not.toHaveProperty(member);
      expect(jwk).toMatchObject({ use: 'sig' });
      expect(typeof jwk.kid).toBe('string');
    }
    const { payload, protectedHeader } = await jwtVerify(token, createLocalJWKSet(jwks), { issuer: server.issuer, typ: 'at+jwt', algorithms: [alg] });
    expect(protectedHeader.kid).toBe(decodeProtectedHeader(token).kid);
    expect(payload).toMatchObject({ client_id: 'tls-client', scope: 'payments', sub: 'tls-client', cnf: { 'x5t#S256': certs.main.thumbprintS256 } });
    expect(typeof payload.jti).toBe('string');
    expect(payload.aud).toBeDefined();
  });

  it('introspects active, then inactive after revocation', async () => {
    const token = await issue(agent, 'tls-client');
    const introspect = async () => (await postForm(`${server.mtlsBaseUrl}/introspect`, agent, `client_id=tls-client&token=${token}`)).json;
    expect(await introspect()).toMatchObject({ active: true, client_id: 'tls-client', cnf: { 'x5t#S256': certs.main.thumbprintS256 } });
    expect((await postForm(`${server.mtlsBaseUrl}/revoke`, agent, `client_id=tls-client&token=${token}&token_type_hint=access_token`)).status).toBe(200);
    expect(await introspect()).toEqual({ active: false });
  });

  it('a client cannot revoke another client\'s token', async () => {
    const token = await issue(agent, 'tls-client');
    const refused = await postForm(`${server.mtlsBaseUrl}/revoke`, otherAgent, `client_id=other-client&token=${token}`);
    expect(refused.status).toBe(400);
    expect(refused.json['error']).toBe('unauthorized_client');
    expect(refused.json['error_description']).toBe('U011 UK.OBIE.Resource.NotFound: The token was not issued to this client');
    const info = await postForm(`${server.mtlsBaseUrl}/introspect`, agent, `client_id=tls-client&token=${token}`);
    expect(info.json['active']).toBe(true);
  });

  it('introspection needs an authenticated caller', async () => {
    const token = await issue(agent, 'tls-client');
    const anonymous = await postForm(`${server.mtlsBaseUrl}/introspect`, agent, `token=${token}`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.json['error']).toBe('invalid_client');
  });

  it('a forged JWT (valid shape, unknown to the server) is inactive', async () => {
    const token = await issue(agent, 'tls-client');
    const [header, payload] = token.split('.');
    const forged = `${header}.${payload}.${Buffer.from('forged').toString('base64url')}`;
    const info = await postForm(`${server.mtlsBaseUrl}/introspect`, agent, `client_id=tls-client&token=${forged}`);
    expect(info.json).toEqual({ active: false });
  });
});
