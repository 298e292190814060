import { createHash } from 'node:crypto';
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';
import * as oauth from 'oauth4webapi';
import { fetch as undiciFetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStorage } from '../../src/storage/open-storage.js';
import { prepareDataDir, type TestObas } from '../support/obas-harness.js';
import { discover, fetchVia } from '../support/tpp-client.js';
import { clientSigningKey, type ClientSigningKey } from '../support/tpp-fixtures.js';
import { issueRegistrationCertificates, ORG_ID, registerJson, registerJws, RegistrationTestBed, requestClaims } from './registration-fixtures.js';
import { sandboxSsa, signRequest, ssaClaims, SOFTWARE_ID, STORAGE_TARGETS, type RegistrationCertificates } from './registration-fixtures.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe.each(STORAGE_TARGETS)('dynamic client registration end to end on $name', ({ database, skip }) => {
  const bed = new RegistrationTestBed(database);
  let json: TestObas;
  let jws: TestObas;
  let certs: RegistrationCertificates;
  let softwareKey: ClientSigningKey;

  const agentFor = (server: TestObas, cert = certs.tpp) => bed.agent(server.pki.caCertPem, cert);

  async function clientCredentials(server: TestObas, clientId: string, auth: oauth.ClientAuth, scope: string) {
    const agent = agentFor(server);
    const as = await discover(server.issuer, agent);
    const client: oauth.Client = { client_id: clientId, use_mtls_endpoint_aliases: true };
    const options = { [oauth.customFetch]: fetchVia(agent) };
    const response = await oauth.clientCredentialsGrantRequest(as, client, auth, new URLSearchParams({ scope }), options);
    const tokens = await oauth.processClientCredentialsResponse(as, client, response);
    const introspected = await oauth.introspectionRequest(as, client, auth, tokens.access_token, options);
    return { tokens, info: await oauth.processIntrospectionResponse(as, client, introspected) };
  }

  async function storedClient(server: TestObas, clientId: string) {
    const storage = await openStorage(bed.storageOf(server));
    try {
      return await storage.clients.find(clientId);
    } finally {
      await storage.close();
    }
  }

  beforeAll(async () => {
    if (skip) return;
    const { dataDir, pki } = await prepareDataDir();
    json = await bed.start(dataDir, 'json', { name: 'fapi2', allowedAuthMethods: ['tls_client_auth', 'private_key_jwt', 'client_secret_basic'] });
    jws = await bed.start(dataDir, 'jws', 'uk-ob');
    certs = await issueRegistrationCertificates(pki);
    softwareKey = await clientSigningKey('PS256', 'software-key-1');
  });

  afterAll(() => bed.close());

  it.skipIf(skip)('discovery lists the registration endpoint on the mTLS listener', async () => {
    const as = await discover(json.issuer, agentFor(json));
    expect(as.registration_endpoint).toBe(`${json.mtlsBaseUrl}/register`);
    expect(as.mtls_endpoint_aliases?.registration_endpoint).toBe(`${json.mtlsBaseUrl}/register`);
  });

  it.skipIf(skip)('the front channel publishes the sandbox directory keys, which verify its software statements', async () => {
    const response = await undiciFetch(`${json.issuer}/sandbox-directory/jwks`, { dispatcher: agentFor(json) });
    expect(response.headers.get('content-type')).toMatch(/^application\/jwk-set\+json/);
    const keys = createLocalJWKSet((await response.json()) as JSONWebKeySet);
    const { payload } = await jwtVerify(await sandboxSsa(json.dataDir, ssaClaims(softwareKey)), keys, { algorithms: ['PS256'] });
    expect(payload.iss).toBe('obas sandbox directory');
  });

  it.skipIf(skip)('JSON (RFC 7591) with oauth4webapi, then a certificate-bound client_credentials token', async () => {
    const agent = agentFor(json);
    const as = await discover(json.issuer, agent);
    const ssa = await sandboxSsa(json.dataDir, ssaClaims(softwareKey));
    const response = await oauth.dynamicClientRegistrationRequest(
      as,
      {
        use_mtls_endpoint_aliases: true,
        software_statement: ssa,
        token_endpoint_auth_method: 'tls_client_auth',
        grant_types: ['client_credentials'],
        scope: 'accounts payments',
        made_up_field: 'ignored',
      },
      { [oauth.customFetch]: fetchVia(agent) },
    );
    expect(response.headers.get('cache-control')).toBe('no-store');
    const registered = await oauth.processDynamicClientRegistrationResponse(response);
    const clientId = registered.client_id;
    expect(clientId).toMatch(UUID);
    expect(registered).toMatchObject({
      token_endpoint_auth_method: 'tls_client_auth',
      tls_client_auth_subject_dn: certs.tpp.subjectDn,
      grant_types: ['client_credentials'],
      scope: 'accounts payments',
      software_id: SOFTWARE_ID,
      software_statement: ssa,
      org_id: ORG_ID,
      client_name: 'Example TPP app',
      tls_client_certificate_bound_access_tokens: true,
      registration_client_uri: `${json.mtlsBaseUrl}/register/${clientId}`,
    });
    expect(registered['made_up_field']).toBeUndefined();
    expect(registered['use_mtls_endpoint_aliases']).toBeUndefined();
    expect(Math.abs(Number(registered['client_id_issued_at']) - Date.now() / 1000)).toBeLessThan(60);
    const token = String(registered['registration_access_token']);
    expect(Buffer.from(token, 'base64url').length).toBeGreaterThanOrEqual(32);

    const stored = await storedClient(json, clientId);
    expect(stored?.source).toBe('dcr');
    expect(stored?.registrationAccessTokenHash).toBe(createHash('sha256').update(token).digest('base64url'));
    expect(JSON.stringify(stored)).not.toContain(token);

    const { tokens, info } = await clientCredentials(json, clientId, oauth.TlsClientAuth(), 'accounts');
    expect(tokens.scope).toBe('accounts');
    expect(info).toMatchObject({ active: true, client_id: clientId, scope: 'accounts' });
    expect(info.cnf?.['x5t#S256']).toBe(certs.tpp.thumbprintS256);
  });

  it.skipIf(skip)('UK OB DCR: a JWS signed by the software key in the SSA, then a private_key_jwt token', async () => {
    const ssa = await sandboxSsa(jws.dataDir, ssaClaims(softwareKey));
    const metadata = {
      token_endpoint_auth_method: 'private_key_jwt',
      token_endpoint_auth_signing_alg: 'PS256',
      grant_types: ['client_credentials'],
      scope: 'accounts',
      application_type: 'web',
      id_token_signed_response_alg: 'PS256',
    };
    const response = await registerJws(jws.mtlsBaseUrl, agentFor(jws), await signRequest(softwareKey, requestClaims(jws.issuer, ssa, metadata)));
    expect(response.status).toBe(201);
    const clientId = String(response.json['client_id']);
    expect(response.json).toMatchObject({ ...metadata, software_id: SOFTWARE_ID, jwks: { keys: [softwareKey.publicJwk] }, org_id: ORG_ID });
    for (const envelope of ['iss', 'aud', 'iat', 'exp', 'jti']) expect(response.json[envelope]).toBeUndefined();

    const auth = oauth.PrivateKeyJwt({ key: softwareKey.privateKey, kid: softwareKey.kid });
    const { tokens, info } = await clientCredentials(jws, clientId, auth, 'accounts');
    expect(tokens.scope).toBe('accounts');
    expect(info).toMatchObject({ active: true, client_id: clientId });
  });

  it.skipIf(skip)('fills in the certificate subject DN and the scope the roles cover when the request leaves them out', async () => {
    const ssa = await sandboxSsa(json.dataDir, ssaClaims(softwareKey));
    const response = await registerJson(json.mtlsBaseUrl, agentFor(json, certs.aisOnly), {
      software_statement: ssa,
      token_endpoint_auth_method: 'tls_client_auth',
      grant_types: ['client_credentials'],
    });
    expect(response.status).toBe(201);
    expect(response.json['tls_client_auth_subject_dn']).toBe(certs.aisOnly.subjectDn);
    expect(response.json['scope']).toBe('openid accounts');
  });

  it.skipIf(skip)('client_secret_basic, when the profile allows it: the secret is returned once and works', async () => {
    const response = await registerJson(json.mtlsBaseUrl, agentFor(json), {
      token_endpoint_auth_method: 'client_secret_basic',
      grant_types: ['client_credentials'],
      scope: 'payments',
    });
    expect(response.status).toBe(201);
    const secret = String(response.json['client_secret']);
    expect(response.json['client_secret_expires_at']).toBe(0);
    expect(response.json['org_id']).toBe(ORG_ID);
    const stored = await storedClient(json, String(response.json['client_id']));
    expect(stored?.secretHash).toMatch(/^scrypt\$/);
    expect(JSON.stringify(stored)).not.toContain(secret);
    const { info } = await clientCredentials(json, String(response.json['client_id']), oauth.ClientSecretBasic(secret), 'payments');
    expect(info.active).toBe(true);
  });
});
