import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as oauth from 'oauth4webapi';
import type { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../../src/client-auth/secret-hash.js';
import { issueTppCertificate, type IssuedCertificate } from '../../src/pki/tpp-certificate.js';
import { prepareDataDir, startTestObas, type TestObas } from '../support/obas-harness.js';
import { createTestDatabase, postgresAvailable, type TestDatabase } from '../support/postgres.js';
import { discover, fetchVia, tppAgent } from '../support/tpp-client.js';
import { clientSigningKey, issueTppCertificates, type ClientSigningKey, type TppCertificates } from '../support/tpp-fixtures.js';

const ALL_METHODS = ['tls_client_auth', 'self_signed_tls_client_auth', 'private_key_jwt', 'client_secret_basic', 'client_secret_post'];
const SECRET = 'a-very-long-client-secret-for-tests-0123456789';

/** openssl's SHA-256 fingerprint of a PEM certificate, as base64url (what `cnf.x5t#S256` must be). */
function opensslThumbprint(dir: string, certPem: string): string {
  const file = join(dir, `fp-${Math.random().toString(36).slice(2)}.pem`);
  writeFileSync(file, certPem);
  const out = execFileSync('openssl', ['x509', '-in', file, '-noout', '-fingerprint', '-sha256'], { encoding: 'utf8' });
  const hex = out.trim().split('=')[1]?.replaceAll(':', '') ?? '';
  return Buffer.from(hex, 'hex').toString('base64url');
}

const targets = [
  { name: 'SQLite', database: async (): Promise<TestDatabase | undefined> => undefined, skip: false },
  { name: 'PostgreSQL', database: createTestDatabase, skip: !postgresAvailable },
];

describe.each(targets)('client_credentials end to end with oauth4webapi on $name', ({ database, skip }) => {
  let server: TestObas;
  let db: TestDatabase | undefined;
  let certs: TppCertificates;
  let rsCert: IssuedCertificate;
  let signingKey: ClientSigningKey;
  let as: oauth.AuthorizationServer;
  const agents: Agent[] = [];

  const agentFor = (cert: { certPem: string; keyPem: string }) => {
    const agent = tppAgent({ certPem: cert.certPem, keyPem: cert.keyPem, caPem: server.pki.caCertPem });
    agents.push(agent);
    return agent;
  };

  async function clientCredentials(clientId: string, auth: oauth.ClientAuth, agent: Agent, scope = 'accounts') {
    const client: oauth.Client = { client_id: clientId, use_mtls_endpoint_aliases: true };
    const options = { [oauth.customFetch]: fetchVia(agent) };
    const response = await oauth.clientCredentialsGrantRequest(as, client, auth, new URLSearchParams({ scope }), options);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-fapi-interaction-id')).toMatch(/^[0-9a-f-]{36}$/);
    return oauth.processClientCredentialsResponse(as, client, response);
  }

  /** Introspects as the bank's resource server `rs-1` (tls_client_auth with its own certificate), which sees every token. */
  async function introspect(token: string) {
    const client: oauth.Client = { client_id: 'rs-1', use_mtls_endpoint_aliases: true };
    const response = await oauth.introspectionRequest(as, client, oauth.TlsClientAuth(), token, {
      [oauth.customFetch]: fetchVia(agentFor(rsCert)),
    });
    return oauth.processIntrospectionResponse(as, client, response);
  }

  beforeAll(async () => {
    if (skip) return;
    db = await database();
    const { dataDir, pki } = await prepareDataDir();
    certs = await issueTppCertificates(pki);
    rsCert = await issueTppCertificate(pki.ca, { organization: 'Example Bank plc', commonName: 'resource-server-1', keyType: 'ec' });
    signingKey = await clientSigningKey('PS256', 'pkjwt-key-1');
    const common = { grant_types: ['client_credentials'], scope: 'accounts payments', tls_client_certificate_bound_access_tokens: true };
    server = await startTestObas({
      dataDir,
      ...(db === undefined ? {} : { databaseUrl: db.url }),
      profile: { name: 'fapi2', allowedAuthMethods: ALL_METHODS },
      extra: { resourceServers: [{ id: 'rs-1', subjectDn: rsCert.subjectDn }] },
      clients: [
        { ...common, client_id: 'tls-client', token_endpoint_auth_method: 'tls_client_auth', tls_client_auth_subject_dn: certs.main.subjectDn },
        { ...common, client_id: 'san-client', token_endpoint_auth_method: 'tls_client_auth', tls_client_auth_san_dns: 'tpp.example.com' },
        { ...common, client_id: 'self-client', token_endpoint_auth_method: 'self_signed_tls_client_auth', jwks: { keys: [certs.selfSigned.publicJwk] } },
        { ...common, client_id: 'jwt-client', token_endpoint_auth_method: 'private_key_jwt', jwks: { keys: [signingKey.publicJwk] } },
        { ...common, client_id: 'basic-client', token_endpoint_auth_method: 'client_secret_basic', client_secret_hash: await hashSecret(SECRET) },
        { ...common, client_id: 'post-client', token_endpoint_auth_method: 'client_secret_post', client_secret_hash: await hashSecret(SECRET) },
      ],
    });
    as = await discover(server.issuer, agentFor(certs.main));
  });

  afterAll(async () => {
    await Promise.all(agents.map((agent) => agent.close()));
    await server?.close();
    await db?.drop();
  });

  it.skipIf(skip)('discovery lists exactly the enabled methods and the mTLS aliases', () => {
    expect(as.token_endpoint_auth_methods_supported).toEqual(ALL_METHODS);
    expect(as.grant_types_supported).toEqual(['client_credentials', 'authorization_code', 'refresh_token', 'urn:openid:params:grant-type:ciba']);
    expect(as.tls_client_certificate_bound_access_tokens).toBe(true);
    expect(as.mtls_endpoint_aliases?.token_endpoint).toBe(`${server.mtlsBaseUrl}/token`);
    expect(as.authorization_endpoint).toBe(`${server.issuer}/authorize`);
  });

  it.skipIf(skip)('tls_client_auth by subject DN: a certificate-bound token whose cnf matches openssl', async () => {
    const tokens = await clientCredentials('tls-client', oauth.TlsClientAuth(), agentFor(certs.main));
    expect(tokens.token_type).toBe('bearer');
    expect(tokens.scope).toBe('accounts');
    expect(Buffer.from(tokens.access_token, 'base64url').length).toBeGreaterThanOrEqual(32);
    const info = await introspect(tokens.access_token);
    expect(info).toMatchObject({ active: true, scope: 'accounts', client_id: 'tls-client', token_type: 'Bearer' });
    expect(info.cnf?.['x5t#S256']).toBe(opensslThumbprint(server.dataDir, certs.main.certPem));
    expect(typeof info.exp).toBe('number');
    expect(typeof info.iat).toBe('number');
  });

  it.skipIf(skip)('tls_client_auth by SAN dNSName', async () => {
    const tokens = await clientCredentials('san-client', oauth.TlsClientAuth(), agentFor(certs.san));
    const info = await introspect(tokens.access_token);
    expect(info.cnf?.['x5t#S256']).toBe(certs.san.thumbprintS256);
  });

  it.skipIf(skip)('self_signed_tls_client_auth with the certificate key in the client JWKS', async () => {
    const tokens = await clientCredentials('self-client', oauth.TlsClientAuth(), agentFor(certs.selfSigned));
    const info = await introspect(tokens.access_token);
    expect(info).toMatchObject({ active: true, client_id: 'self-client' });
    expect(info.cnf?.['x5t#S256']).toBe(opensslThumbprint(server.dataDir, certs.selfSigned.certPem));
  });

  it.skipIf(skip)('private_key_jwt (PS256) bound to the presented certificate', async () => {
    const auth = oauth.PrivateKeyJwt({ key: signingKey.privateKey, kid: signingKey.kid });
    const tokens = await clientCredentials('jwt-client', auth, agentFor(certs.other), 'payments');
    const info = await introspect(tokens.access_token);
    expect(info).toMatchObject({ active: true, client_id: 'jwt-client', scope: 'payments' });
    expect(info.cnf?.['x5t#S256']).toBe(certs.other.thumbprintS256);
  });

  it.skipIf(skip)('client_secret_basic and client_secret_post when the profile enables them', async () => {
    const basic = await clientCredentials('basic-client', oauth.ClientSecretBasic(SECRET), agentFor(certs.main));
    const post = await clientCredentials('post-client', oauth.ClientSecretPost(SECRET), agentFor(certs.main));
    for (const tokens of [basic, post]) {
      expect((await introspect(tokens.access_token)).active).toBe(true);
    }
  });

  it.skipIf(skip)('revocation makes the token inactive; unknown tokens answer 200', async () => {
    const agent = agentFor(certs.main);
    const tokens = await clientCredentials('tls-client', oauth.TlsClientAuth(), agent);
    const client: oauth.Client = { client_id: 'tls-client', use_mtls_endpoint_aliases: true };
    const options = { [oauth.customFetch]: fetchVia(agent) };
    await oauth.processRevocationResponse(await oauth.revocationRequest(as, client, oauth.TlsClientAuth(), tokens.access_token, options));
    expect((await introspect(tokens.access_token)).active).toBe(false);
    await oauth.processRevocationResponse(await oauth.revocationRequest(as, client, oauth.TlsClientAuth(), 'no-such-token', options));
  });
});
