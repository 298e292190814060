import { createHash } from 'node:crypto';
import { join } from 'node:path';
import * as oauth from 'oauth4webapi';
import type { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStorage } from '../../src/storage/open-storage.js';
import { prepareDataDir, startTestObas, type TestObas } from '../support/obas-harness.js';
import type { TestDatabase } from '../support/postgres.js';
import { discover, fetchVia, tppAgent } from '../support/tpp-client.js';
import { clientSigningKey, type ClientSigningKey } from '../support/tpp-fixtures.js';
import {
  issueRegistrationCertificates,
  ORG_ID,
  registerJson,
  registerJws,
  requestClaims,
  sandboxSsa,
  signRequest,
  ssaClaims,
  SOFTWARE_ID,
  STORAGE_TARGETS,
  type RegistrationCertificates,
} from './registration-fixtures.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe.each(STORAGE_TARGETS)('dynamic client registration end to end on $name', ({ database, skip }) => {
  let json: TestObas;
  let jws: TestObas;
  const databases: TestDatabase[] = [];
  let certs: RegistrationCertificates;
  let softwareKey: ClientSigningKey;
  const agents: Agent[] = [];

  const agentFor = (server: TestObas, cert = certs.tpp) => {
    const agent = tppAgent({ certPem: cert.certPem, keyPem: cert.keyPem, caPem: server.pki.caCertPem });
    agents.push(agent);
    return agent;
  };

  const databaseOf = new Map<TestObas, TestDatabase | undefined>();

  /** Servers share one data directory (dev CA, sandbox directory), each with its own database. */
  async function startServer(dataDir: string, name: string, profile: unknown): Promise<TestObas> {
    const db = await database();
    if (db !== undefined) databases.push(db);
    const storage = db === undefined ? { sqliteFile: join(dataDir, `${name}.db`) } : { url: db.url };
    const server = await startTestObas({ dataDir, profile, extra: { database: storage } });
    databaseOf.set(server, db);
    return server;
  }

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
    const db = databaseOf.get(server);
    const location = db === undefined ? { sqliteFile: join(server.dataDir, `${server === json ? 'json' : 'jws'}.db`) } : { databaseUrl: db.url, sqliteFile: '' };
    const storage = await openStorage(location);
    try {
      return await storage.clients.find(clientId);
    } finally {
      await storage.close();
    }
  }

  beforeAll(async () => {
    if (skip) return;
    const { dataDir, pki } = await prepareDataDir();
    json = await startServer(dataDir, 'json', { name: 'fapi2', allowedAuthMethods: ['tls_client_auth', 'private_key_jwt', 'client_secret_basic'] });
    jws = await startServer(dataDir, 'jws', 'uk-ob');
    certs = await issueRegistrationCertificates(pki);
    softwareKey = await clientSigningKey('PS256', 'software-key-1');
  });

  afterAll(async () => {
    await Promise.all(agents.map((agent) => agent.close()));
    await json?.close();
    await jws?.close();
    await Promise.all(databases.map((db) => db.drop()));
  });

  it.skipIf(skip)('discovery lists the registration endpoint on the mTLS listener', async () => {
    const as = await discover(json.issuer, agentFor(json));
    expect(as.registration_endpoint).toBe(`${json.mtlsBaseUrl}/register`);
    expect(as.mtls_endpoint_aliases?.registration_endpoint).toBe(`${json.mtlsBaseUrl}/register`);
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
