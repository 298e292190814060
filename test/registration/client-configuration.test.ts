import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IssuedCertificate } from '../../src/pki/tpp-certificate.js';
import { prepareDataDir, type TestObas } from '../support/obas-harness.js';
import { postForm } from '../support/tpp-client.js';
import { clientSigningKey, type ClientSigningKey } from '../support/tpp-fixtures.js';
import { expectError, issueRegistrationCertificates, registerJson, registerJws, RegistrationTestBed, requestClaims, sandboxSsa } from './registration-fixtures.js';
import { send, signRequest, ssaClaims, STORAGE_TARGETS, type JsonResponse, type RegistrationCertificates } from './registration-fixtures.js';

const METADATA = { token_endpoint_auth_method: 'tls_client_auth', grant_types: ['client_credentials'], scope: 'accounts', client_name: 'First name' };

describe.each(STORAGE_TARGETS)('client configuration (RFC 7592) on $name', ({ database, skip }) => {
  const bed = new RegistrationTestBed(database);
  let fapi: TestObas;
  let uk: TestObas;
  let certs: RegistrationCertificates;
  let software: ClientSigningKey;

  const agentFor = (cert: IssuedCertificate = certs.tpp) => bed.agent(fapi.pki.caCertPem, cert);
  const statement = () => sandboxSsa(fapi.dataDir, ssaClaims(software));

  /** Registers a client on the FAPI 2.0 (JSON) server and returns the registration response. */
  async function register(): Promise<{ clientId: string; token: string; uri: string; response: JsonResponse }> {
    const response = await registerJson(fapi.mtlsBaseUrl, agentFor(), { ...METADATA, software_statement: await statement() });
    expect(response.status).toBe(201);
    const json = response.json;
    return { clientId: String(json['client_id']), token: String(json['registration_access_token']), uri: String(json['registration_client_uri']), response };
  }

  const read = (uri: string, token?: string, cert?: IssuedCertificate) =>
    send(uri, agentFor(cert), { method: 'GET', ...(token === undefined ? {} : { token }) });
  const replace = async (uri: string, token: string, body: Record<string, unknown>) =>
    send(uri, agentFor(), { method: 'PUT', token, body: JSON.stringify(body), contentType: 'application/json' });
  const tokenFor = (server: TestObas, clientId: string) =>
    postForm(`${server.mtlsBaseUrl}/token`, agentFor(), new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId }).toString());

  beforeAll(async () => {
    if (skip) return;
    const { dataDir, pki } = await prepareDataDir();
    certs = await issueRegistrationCertificates(pki);
    const staticClient = { ...METADATA, client_id: 'static-client', tls_client_auth_subject_dn: certs.tpp.subjectDn };
    fapi = await bed.start(dataDir, 'fapi', 'fapi2', { clients: [staticClient] });
    uk = await bed.start(dataDir, 'uk', 'uk-ob');
    software = await clientSigningKey('ES256', 'software-es');
  });

  afterAll(() => bed.close());

  it.skipIf(skip)('GET answers 200 with the registration as it was made', async () => {
    const { token, uri, response } = await register();
    const current = await read(uri, token);
    expect(current.status).toBe(200);
    expect(current.headers.get('cache-control')).toBe('no-store');
    expect(current.json).toStrictEqual(response.json);
  });

  it.skipIf(skip)('PUT replaces the whole registration and answers 200 with it', async () => {
    const { clientId, token, uri, response } = await register();
    const update = { client_id: clientId, software_statement: await statement(), token_endpoint_auth_method: 'tls_client_auth', grant_types: ['client_credentials'], scope: 'payments' };
    const updated = await replace(uri, token, update);
    expect(updated.status).toBe(200);
    expect(updated.json).toMatchObject({ client_id: clientId, scope: 'payments', registration_access_token: token, registration_client_uri: uri });
    expect(updated.json['client_name']).toBe('Example TPP app');
    expect(updated.json['client_id_issued_at']).toBe(response.json['client_id_issued_at']);
    expect((await read(uri, token)).json).toStrictEqual(updated.json);
    expect((await tokenFor(fapi, clientId)).json['scope']).toBe('payments');
  });

  it.skipIf(skip)('PUT with bad metadata answers 400 and changes nothing', async () => {
    const { token, uri, response } = await register();
    const bad = { software_statement: await statement(), token_endpoint_auth_method: 'tls_client_auth', grant_types: ['client_credentials'], redirect_uris: ['http://tpp.example/cb'] };
    expectError(await replace(uri, token, bad), 400, 'invalid_redirect_uri', /redirect_uris\[0\]: .*expected an https URL/);
    expect((await read(uri, token)).json).toStrictEqual(response.json);
  });

  it.skipIf(skip)('PUT naming another client_id answers 400', async () => {
    const { token, uri } = await register();
    expectError(await replace(uri, token, { ...METADATA, client_id: 'someone-else', software_statement: await statement() }), 400, 'invalid_client_metadata', /client_id must be the client_id of this registration/);
  });

  it.skipIf(skip)('a wrong or missing registration access token answers 401 invalid_token', async () => {
    const { token, uri } = await register();
    const wrong = await read(uri, `${token.slice(0, -2)}xx`);
    expectError(wrong, 401, 'invalid_token', /registration access token is invalid/);
    expect(wrong.headers.get('www-authenticate')).toBe('Bearer realm="obas", error="invalid_token"');
    const missing = await read(uri);
    expectError(missing, 401, 'invalid_token', /registration access token is required/);
    expect(missing.headers.get('www-authenticate')).toBe('Bearer realm="obas"');
    const other = await register();
    expectError(await read(uri, other.token), 401, 'invalid_token', /registration access token is invalid/);
  });

  it.skipIf(skip)('the right token from another organisation’s certificate answers 401', async () => {
    const { token, uri } = await register();
    expectError(await read(uri, token, certs.otherOrg), 401, 'invalid_client', /not of the organisation that registered this client/);
  });

  it.skipIf(skip)('DELETE removes the client: then 401 on management, invalid_client at the token endpoint, tokens inactive', async () => {
    const { clientId, token, uri } = await register();
    const issued = await tokenFor(fapi, clientId);
    expect(issued.status).toBe(200);
    const deleted = await send(uri, agentFor(), { method: 'DELETE', token });
    expect(deleted.status).toBe(204);
    expectError(await read(uri, token), 401, 'invalid_token', /client does not exist/);
    expectError(await send(uri, agentFor(), { method: 'DELETE', token }), 401, 'invalid_token', /client does not exist/);
    expectError(await tokenFor(fapi, clientId), 401, 'invalid_client', /Client authentication failed/);

    const resourceServer = await register();
    const introspection = await postForm(
      `${fapi.mtlsBaseUrl}/introspect`,
      agentFor(),
      new URLSearchParams({ client_id: resourceServer.clientId, token: String(issued.json['access_token']) }).toString(),
    );
    expect(introspection.json).toStrictEqual({ active: false });
  });

  it.skipIf(skip)('UK OB DCR: management with a client_credentials token of the client, bound to its certificate', async () => {
    const ssa = await sandboxSsa(uk.dataDir, ssaClaims(software));
    const created = await registerJws(uk.mtlsBaseUrl, agentFor(), await signRequest(software, requestClaims(uk.issuer, ssa, METADATA)));
    expect(created.status).toBe(201);
    const clientId = String(created.json['client_id']);
    const uri = String(created.json['registration_client_uri']);
    const accessToken = String((await tokenFor(uk, clientId)).json['access_token']);
    const byAccessToken = await read(uri, accessToken);
    expect(byAccessToken.status).toBe(200);
    expect(byAccessToken.json['client_id']).toBe(clientId);
    expect(byAccessToken.json['registration_access_token']).toBeUndefined();
    expectError(await read(uri, accessToken, certs.aisOnly), 401, 'invalid_token', /U006 UK.OBIE.Header.Invalid: The registration access token is invalid/);

    const update = await signRequest(software, requestClaims(uk.issuer, ssa, { ...METADATA, scope: 'accounts payments' }));
    const updated = await send(uri, agentFor(), { method: 'PUT', token: accessToken, body: update, contentType: 'application/jose' });
    expect(updated.status).toBe(200);
    expect(updated.json['scope']).toBe('accounts payments');
  });

  it.skipIf(skip)('clients from the configuration file are not manageable through registration', async () => {
    const issued = await tokenFor(fapi, 'static-client');
    expect(issued.status).toBe(200);
    const response = await read(`${fapi.mtlsBaseUrl}/register/static-client`, String(issued.json['access_token']));
    expectError(response, 401, 'invalid_token', /client does not exist/);
    expectError(await read(`${fapi.mtlsBaseUrl}/register/no-such-client`, 'anything'), 401, 'invalid_token', /client does not exist/);
  });

  it.skipIf(skip)('other methods on the client configuration endpoint answer 405', async () => {
    const { uri, token } = await register();
    const response = await send(uri, agentFor(), { method: 'POST', token, body: '{}', contentType: 'application/json' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, PUT, DELETE');
  });
});
