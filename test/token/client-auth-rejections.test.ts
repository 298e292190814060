import type { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../../src/client-auth/secret-hash.js';
import { createCertificateAuthority } from '../../src/pki/certificate-authority.js';
import { issueTppCertificate, type IssuedCertificate } from '../../src/pki/tpp-certificate.js';
import { assertionClaims, assertionForm, signAssertion, unsignedAssertion } from '../support/assertions.js';
import { prepareDataDir, startTestObas, type TestObas } from '../support/obas-harness.js';
import { postForm, tppAgent } from '../support/tpp-client.js';
import { clientSigningKey, issueTppCertificates, type ClientSigningKey, type TppCertificates } from '../support/tpp-fixtures.js';

const SECRET = 'another-long-client-secret-for-the-tests-42';

describe('token endpoint rejects bad client authentication', () => {
  let server: TestObas;
  let certs: TppCertificates;
  let untrusted: IssuedCertificate;
  let expired: IssuedCertificate;
  let psKey: ClientSigningKey;
  let rsKey: ClientSigningKey;
  let strangerKey: ClientSigningKey;
  const agents: Agent[] = [];

  const agentFor = (cert?: { certPem: string; keyPem: string }) => {
    const agent = tppAgent({ ...(cert === undefined ? {} : { certPem: cert.certPem, keyPem: cert.keyPem }), caPem: server.pki.caCertPem });
    agents.push(agent);
    return agent;
  };
  const token = (body: string, cert?: { certPem: string; keyPem: string }, headers: Record<string, string> = {}) =>
    postForm(`${server.mtlsBaseUrl}/token`, agentFor(cert), body, headers);
  const tlsForm = (clientId: string, extra: Record<string, string> = {}) =>
    new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, ...extra }).toString();

  beforeAll(async () => {
    const { dataDir, pki } = await prepareDataDir();
    certs = await issueTppCertificates(pki);
    const foreignCa = await createCertificateAuthority({ commonName: 'Unknown CA', organization: 'Elsewhere' });
    const subject = { organization: 'Example TPP Ltd', organizationIdentifier: 'PSDGB-FCA-123456', commonName: 'tpp-main', roles: ['PSP_AI' as const] };
    untrusted = await issueTppCertificate(foreignCa, subject);
    expired = await issueTppCertificate(pki.ca, { ...subject, notBefore: new Date(Date.now() - 20 * 86_400_000), notAfter: new Date(Date.now() - 86_400_000) });
    [psKey, rsKey, strangerKey] = await Promise.all([
      clientSigningKey('PS256', 'ps'),
      clientSigningKey('RS256', 'rs'),
      clientSigningKey('PS256', 'stranger'),
    ]);
    const common = { grant_types: ['client_credentials'], scope: 'accounts' };
    server = await startTestObas({
      dataDir,
      profile: { name: 'fapi2', allowedAuthMethods: ['tls_client_auth', 'self_signed_tls_client_auth', 'private_key_jwt', 'client_secret_basic'] },
      clients: [
        { ...common, client_id: 'tls-client', token_endpoint_auth_method: 'tls_client_auth', tls_client_auth_subject_dn: certs.main.subjectDn },
        { ...common, client_id: 'self-client', token_endpoint_auth_method: 'self_signed_tls_client_auth', jwks: { keys: [psKey.publicJwk] } },
        { ...common, client_id: 'jwt-client', token_endpoint_auth_method: 'private_key_jwt', jwks: { keys: [psKey.publicJwk, rsKey.publicJwk] } },
        { ...common, client_id: 'basic-client', token_endpoint_auth_method: 'client_secret_basic', client_secret_hash: await hashSecret(SECRET) },
        { ...common, client_id: 'cc-less', token_endpoint_auth_method: 'tls_client_auth', tls_client_auth_subject_dn: certs.other.subjectDn, grant_types: ['client_credentials'], scope: 'payments' },
      ],
    });
  });

  afterAll(async () => {
    await Promise.all(agents.map((agent) => agent.close()));
    await server?.close();
  });

  const expectInvalidClient = (response: { status: number; json: Record<string, unknown> }, description: RegExp) => {
    expect(response.status).toBe(401);
    expect(response.json['error']).toBe('invalid_client');
    expect(response.json['error_description']).toMatch(description);
  };

  it('tls_client_auth without a certificate', async () => {
    expectInvalidClient(await token(tlsForm('tls-client')), /certificate is required/);
  });

  it('tls_client_auth with a certificate from an untrusted CA (same subject)', async () => {
    expectInvalidClient(await token(tlsForm('tls-client'), untrusted), /not issued by a trusted authority/);
  });

  it('tls_client_auth with an expired certificate', async () => {
    expectInvalidClient(await token(tlsForm('tls-client'), expired), /not valid for client authentication/);
  });

  it('tls_client_auth with a trusted certificate of another subject DN', async () => {
    expectInvalidClient(await token(tlsForm('tls-client'), certs.other), /does not match the registered identity/);
  });

  it('self_signed_tls_client_auth with a key that is not in the client JWKS', async () => {
    expectInvalidClient(await token(tlsForm('self-client'), certs.selfSigned), /key is not registered/);
  });

  it('an unknown client_id', async () => {
    expectInvalidClient(await token(tlsForm('nobody'), certs.main), /authentication failed/);
  });

  for (const [name, change, expected] of [
    ['wrong aud', { aud: 'https://attacker.example' }, /aud is not accepted/],
    ['token endpoint as aud under FAPI 2.0', { aud: 'TOKEN_ENDPOINT' }, /aud is not accepted/],
    ['wrong iss', { iss: 'tls-client' }, /iss must be the client_id/],
    ['wrong sub', { sub: 'tls-client' }, /sub must be the client_id/],
    ['no jti', { jti: undefined }, /no jti claim/],
    ['no exp', { exp: undefined }, /no exp claim/],
  ] as const) {
    it(`private_key_jwt with ${name}`, async () => {
      const claims: Record<string, unknown> = { ...assertionClaims('jwt-client', server.issuer), ...change };
      if (claims['aud'] === 'TOKEN_ENDPOINT') claims['aud'] = `${server.mtlsBaseUrl}/token`;
      const response = await token(assertionForm(await signAssertion(psKey, claims), { client_id: 'jwt-client' }), certs.main);
      expectInvalidClient(response, expected);
    });
  }

  it('private_key_jwt that expired', async () => {
    const claims = { ...assertionClaims('jwt-client', server.issuer), exp: Math.floor(Date.now() / 1000) - 120 };
    expectInvalidClient(await token(assertionForm(await signAssertion(psKey, claims)), certs.main), /has expired/);
  });

  it('private_key_jwt that lives longer than the profile allows', async () => {
    const claims = assertionClaims('jwt-client', server.issuer, 3600);
    expectInvalidClient(await token(assertionForm(await signAssertion(psKey, claims)), certs.main), /lives too long/);
  });

  it('private_key_jwt replayed (same jti)', async () => {
    const assertion = await signAssertion(psKey, assertionClaims('jwt-client', server.issuer));
    expect((await token(assertionForm(assertion), certs.main)).status).toBe(200);
    expectInvalidClient(await token(assertionForm(assertion), certs.main), /already used/);
  });

  it('private_key_jwt signed with RS256 by a registered key', async () => {
    const assertion = await signAssertion(rsKey, assertionClaims('jwt-client', server.issuer), 'RS256');
    expectInvalidClient(await token(assertionForm(assertion), certs.main), /must be signed with PS256 or ES256, not RS256/);
  });

  it('private_key_jwt with alg none', async () => {
    expectInvalidClient(await token(assertionForm(unsignedAssertion(assertionClaims('jwt-client', server.issuer))), certs.main), /must be signed with PS256 or ES256, not none/);
  });

  it('private_key_jwt with HS256', async () => {
    const { SignJWT } = await import('jose');
    const assertion = await new SignJWT(assertionClaims('jwt-client', server.issuer))
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode('x'.repeat(32)));
    expectInvalidClient(await token(assertionForm(assertion), certs.main), /must be signed with PS256 or ES256, not HS256/);
  });

  it('private_key_jwt signed by a key the client did not register', async () => {
    const assertion = await signAssertion(strangerKey, assertionClaims('jwt-client', server.issuer));
    expectInvalidClient(await token(assertionForm(assertion), certs.main), /signature does not verify/);
  });

  it('two authentication methods in one request', async () => {
    const assertion = await signAssertion(psKey, assertionClaims('jwt-client', server.issuer));
    const basic = `Basic ${Buffer.from(`jwt-client:${SECRET}`).toString('base64')}`;
    const response = await token(assertionForm(assertion), certs.main, { authorization: basic });
    expect(response.status).toBe(400);
    expect(response.json['error']).toBe('invalid_request');
  });

  it('a method other than the registered one', async () => {
    const basic = `Basic ${Buffer.from(`tls-client:${SECRET}`).toString('base64')}`;
    const response = await token('grant_type=client_credentials', certs.main, { authorization: basic });
    expectInvalidClient(response, /registered for tls_client_auth, not client_secret_basic/);
    expect(response.headers.get('www-authenticate')).toMatch(/^Basic /);
  });

  it('a jwt client presenting only its certificate', async () => {
    expectInvalidClient(await token(tlsForm('jwt-client'), certs.main), /registered for private_key_jwt, not tls_client_auth/);
  });

  it('client_secret_basic with a wrong secret carries WWW-Authenticate', async () => {
    const basic = `Basic ${Buffer.from('basic-client:wrong-secret-wrong-secret').toString('base64')}`;
    const response = await token('grant_type=client_credentials', certs.main, { authorization: basic });
    expectInvalidClient(response, /authentication failed/);
    expect(response.headers.get('www-authenticate')).toMatch(/^Basic realm="obas"/);
  });

  it('a scope the client is not registered for', async () => {
    const response = await token(tlsForm('tls-client', { scope: 'accounts payments' }), certs.main);
    expect(response.status).toBe(400);
    expect(response.json['error']).toBe('invalid_scope');
  });

  it('a grant type the client is not registered for', async () => {
    const response = await token(
      new URLSearchParams({ grant_type: 'refresh_token', client_id: 'tls-client', refresh_token: 'x' }).toString(),
      certs.main,
    );
    expect(response.status).toBe(400);
    expect(response.json['error']).toBe('unauthorized_client');
  });
});
