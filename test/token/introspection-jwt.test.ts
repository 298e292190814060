import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from 'jose';
import * as oauth from 'oauth4webapi';
import { request, type Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error.js';
import { loadConfig } from '../../src/config/load-config.js';
import { issueTppCertificate, type IssuedCertificate } from '../../src/pki/tpp-certificate.js';
import { tempDir, writeText } from '../config/config-fixtures.js';
import { prepareDataDir, startTestObas, type TestObas } from '../support/obas-harness.js';
import { discover, fetchVia, tppAgent } from '../support/tpp-client.js';
import { tlsClient } from '../support/tpp-fixtures.js';

const JWT_TYPE = 'application/token-introspection+jwt';

interface Answer {
  readonly status: number;
  readonly contentType: string | undefined;
  readonly cacheControl: string | undefined;
  readonly text: string;
}

describe.each(['PS256', 'ES256'] as const)('RFC 9701 JWT introspection responses over mTLS, signed with %s', (alg) => {
  let server: TestObas;
  let as: oauth.AuthorizationServer;
  let jwks: JSONWebKeySet;
  const certs: Record<'tpp' | 'rsJson' | 'rsJwt', IssuedCertificate> = {} as never;
  const agents = new Map<IssuedCertificate, Agent>();

  const agentOf = (cert: IssuedCertificate) => {
    const agent = agents.get(cert) ?? tppAgent({ certPem: cert.certPem, keyPem: cert.keyPem, caPem: server.pki.caCertPem });
    agents.set(cert, agent);
    return agent;
  };

  /** A raw introspection POST; no `Accept` at all unless given (undici's `request` adds none). */
  async function post(cert: IssuedCertificate, form: Record<string, string>, accept?: string): Promise<Answer> {
    const response = await request(`${server.mtlsBaseUrl}/introspect`, {
      method: 'POST',
      body: new URLSearchParams(form).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(accept === undefined ? {} : { accept }) },
      dispatcher: agentOf(cert),
    });
    const header = (name: string) => response.headers[name] as string | undefined;
    return { status: response.statusCode, contentType: header('content-type'), cacheControl: header('cache-control'), text: await response.body.text() };
  }

  /** Introspects with oauth4webapi, which checks `typ`, `alg`, `iss`, `aud` = `clientId` and `iat`, then the signature by `jwks_uri`. */
  async function introspectWithLibrary(clientId: string, cert: IssuedCertificate, token: string, requestJwtResponse: boolean) {
    const client: oauth.Client = { client_id: clientId, use_mtls_endpoint_aliases: true };
    const options = { [oauth.customFetch]: fetchVia(agentOf(cert)) };
    const response = await oauth.introspectionRequest(as, client, oauth.TlsClientAuth(), token, { ...options, requestJwtResponse });
    const contentType = response.headers.get('content-type');
    const result = await oauth.processIntrospectionResponse(as, client, response);
    if (contentType === JWT_TYPE) await oauth.validateApplicationLevelSignature(as, response, options);
    return { contentType, result };
  }

  /** Verifies a JWT answer with the published JWKS, as a resource server would, and returns its claims. */
  async function verified(answer: Answer, audience: string) {
    expect(answer.status).toBe(200);
    expect(answer.contentType).toBe(JWT_TYPE);
    expect(answer.cacheControl).toBe('no-store');
    expect(decodeProtectedHeader(answer.text)).toMatchObject({ typ: 'token-introspection+jwt', alg });
    const { payload } = await jwtVerify(answer.text, createLocalJWKSet(jwks), { issuer: server.issuer, audience, typ: 'token-introspection+jwt', algorithms: [alg] });
    expect(Object.keys(payload).sort()).toEqual(['aud', 'iat', 'iss', 'token_introspection']);
    expect(Math.abs((payload.iat ?? 0) - Date.now() / 1000)).toBeLessThan(60);
    return payload;
  }

  const json = (answer: Answer) => {
    expect(answer.status).toBe(200);
    expect(answer.contentType).toMatch(/^application\/json/);
    return JSON.parse(answer.text) as Record<string, unknown>;
  };

  async function accessToken(): Promise<string> {
    const client: oauth.Client = { client_id: 'tpp', use_mtls_endpoint_aliases: true };
    const options = { [oauth.customFetch]: fetchVia(agentOf(certs.tpp)) };
    const response = await oauth.clientCredentialsGrantRequest(as, client, oauth.TlsClientAuth(), new URLSearchParams({ scope: 'accounts' }), options);
    return (await oauth.processClientCredentialsResponse(as, client, response)).access_token;
  }

  async function revokedToken(): Promise<string> {
    const token = await accessToken();
    const client: oauth.Client = { client_id: 'tpp', use_mtls_endpoint_aliases: true };
    const options = { [oauth.customFetch]: fetchVia(agentOf(certs.tpp)) };
    await oauth.processRevocationResponse(await oauth.revocationRequest(as, client, oauth.TlsClientAuth(), token, options));
    return token;
  }

  beforeAll(async () => {
    const { dataDir, pki } = await prepareDataDir();
    const issue = (commonName: string) => issueTppCertificate(pki.ca, { organization: 'Example Bank plc', commonName, keyType: 'ec' });
    [certs.tpp, certs.rsJson, certs.rsJwt] = await Promise.all([issue('tpp'), issue('rs-json'), issue('rs-jwt')]);
    server = await startTestObas({
      dataDir,
      profile: { name: 'fapi2', authorization: { idTokenSigningAlg: alg } },
      clients: [tlsClient('tpp', certs.tpp)],
      extra: {
        resourceServers: [
          { id: 'rs-json', subjectDn: certs.rsJson.subjectDn },
          { id: 'rs-jwt', subjectDn: certs.rsJwt.subjectDn, introspectionResponse: 'jwt' },
        ],
      },
    });
    as = await discover(server.issuer, agentOf(certs.tpp));
    const response = await request(`${server.issuer}/jwks`, { dispatcher: agentOf(certs.tpp) });
    jwks = (await response.body.json()) as JSONWebKeySet;
  });

  afterAll(async () => {
    await Promise.all([...agents.values()].map((agent) => agent.close()));
    await server?.close();
  });

  it('publishes introspection_signing_alg_values_supported: the algorithm it signs with', () => {
    expect(as.introspection_signing_alg_values_supported).toEqual([alg]);
  });

  it('answers Accept: application/token-introspection+jwt with a JWT verified by the JWKS, carrying the JSON answer', async () => {
    const token = await accessToken();
    const plain = json(await post(certs.rsJson, { token }));
    expect(plain).toMatchObject({ active: true, client_id: 'tpp', scope: 'accounts' });
    const payload = await verified(await post(certs.rsJson, { token }, JWT_TYPE), 'rs-json');
    expect(payload.iss).toBe(server.issuer);
    expect(payload.aud).toBe('rs-json');
    expect(payload['token_introspection']).toEqual(plain);
  });

  it('passes oauth4webapi JWT response validation and its signature check against jwks_uri', async () => {
    const token = await accessToken();
    const { contentType, result } = await introspectWithLibrary('rs-json', certs.rsJson, token, true);
    expect(contentType).toBe(JWT_TYPE);
    expect(result).toMatchObject({ active: true, client_id: 'tpp', token_type: 'Bearer' });
  });

  it('carries {"active": false} for revoked and unknown tokens, as the JSON answer does', async () => {
    for (const token of [await revokedToken(), 'no-such-token']) {
      expect(json(await post(certs.rsJson, { token }))).toEqual({ active: false });
      const payload = await verified(await post(certs.rsJson, { token }, JWT_TYPE), 'rs-json');
      expect(payload['token_introspection']).toEqual({ active: false });
    }
  });

  it('addresses a client introspecting its own token as aud = its client_id', async () => {
    const token = await accessToken();
    const plain = json(await post(certs.tpp, { token, client_id: 'tpp' }));
    const payload = await verified(await post(certs.tpp, { token, client_id: 'tpp' }, JWT_TYPE), 'tpp');
    expect(payload['token_introspection']).toEqual(plain);
    const { contentType, result } = await introspectWithLibrary('tpp', certs.tpp, token, true);
    expect(contentType).toBe(JWT_TYPE);
    expect(result.active).toBe(true);
  });

  it('gives a resource server configured for JWT the JWT without any Accept header, and JSON to a plain request', async () => {
    const token = await accessToken();
    const payload = await verified(await post(certs.rsJwt, { token }), 'rs-jwt');
    const plain = json(await post(certs.rsJson, { token }));
    expect(payload['token_introspection']).toEqual(plain);
    expect((await introspectWithLibrary('rs-jwt', certs.rsJwt, token, true)).result.active).toBe(true);
    expect((await introspectWithLibrary('rs-json', certs.rsJson, token, false)).contentType).toMatch(/^application\/json/);
  });

  it('refuses to downgrade a JWT resource server to JSON: Accept allowing only JSON is a 400', async () => {
    const token = await accessToken();
    for (const accept of ['application/json', `${JWT_TYPE};q=0, application/json`]) {
      const answer = await post(certs.rsJwt, { token }, accept);
      expect(answer.status, accept).toBe(400);
      expect(JSON.parse(answer.text)).toMatchObject({ error: 'invalid_request' });
      expect(JSON.parse(answer.text).error_description).toContain(JWT_TYPE);
    }
    await expect(introspectWithLibrary('rs-jwt', certs.rsJwt, token, false)).rejects.toThrow();
  });

  it.each([
    ['rs-json', `application/json, ${JWT_TYPE}`, 'jwt'],
    ['rs-json', `application/*;q=0.2, ${JWT_TYPE};q=0.9`, 'jwt'],
    ['rs-json', `${JWT_TYPE};q=0.5, application/json`, 'json'],
    ['rs-json', `${JWT_TYPE};q=0`, 'json'],
    ['rs-json', '*/*', 'json'],
    ['rs-json', 'text/html', 'json'],
    ['rs-jwt', '*/*', 'jwt'],
    ['rs-jwt', 'application/json, */*;q=0.1', 'jwt'],
    ['rs-jwt', 'text/html', 'jwt'],
  ] as const)('negotiates: %s sending Accept "%s" gets %s', async (caller, accept, format) => {
    const cert = caller === 'rs-json' ? certs.rsJson : certs.rsJwt;
    const answer = await post(cert, { token: await accessToken() }, accept);
    if (format === 'json') expect(json(answer)['active']).toBe(true);
    else expect((await verified(answer, caller))['token_introspection']).toMatchObject({ active: true });
  });
});

describe('resourceServers[].introspectionResponse configuration', () => {
  it('is reported, with the key and the allowed values, when it is neither json nor jwt', async () => {
    const dir = tempDir();
    const settings = { resourceServers: [{ id: 'rs', subjectDn: 'CN=rs,O=Bank,C=GB', introspectionResponse: 'xml' }] };
    const error = await loadConfig({ configPath: writeText(dir, 'obas.json', JSON.stringify(settings)), env: {}, cwd: dir }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues.map((issue) => `${issue.key}: ${issue.problem}`)).toEqual([
      'resourceServers[0].introspectionResponse: got "xml", expected one of json, jwt',
    ]);
  });

  it('reads json and jwt, and leaves it out when absent', async () => {
    const dir = tempDir();
    const servers = [
      { id: 'a', subjectDn: 'CN=a,O=Bank,C=GB', introspectionResponse: 'jwt' },
      { id: 'b', subjectDn: 'CN=b,O=Bank,C=GB', introspectionResponse: 'json' },
      { id: 'c', subjectDn: 'CN=c,O=Bank,C=GB' },
    ];
    const config = await loadConfig({ configPath: writeText(dir, 'obas.json', JSON.stringify({ resourceServers: servers })), env: {}, cwd: dir });
    expect(config.resourceServers.map((server) => server.introspectionResponse)).toEqual(['jwt', 'json', undefined]);
  });
});
