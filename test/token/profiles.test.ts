import { fetch as undiciFetch, type Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertionClaims, assertionForm, signAssertion } from '../support/assertions.js';
import { prepareDataDir, startTestObas, type TestObas } from '../support/obas-harness.js';
import { postForm, tppAgent } from '../support/tpp-client.js';
import { clientSigningKey, issueTppCertificates, type ClientSigningKey, type TppCertificates } from '../support/tpp-fixtures.js';

const cases = [
  {
    profile: 'uk-ob',
    noCertificate: 'U019 UK.OBIE.Signature.Missing: A client certificate is required',
    badScope: 'U002 UK.OBIE.Field.Invalid: The requested scope is not allowed for this client',
    methods: ['tls_client_auth', 'private_key_jwt'],
    tokenEndpointAudience: true,
  },
  {
    profile: 'stet',
    noCertificate: 'DS0E IncorrectSignerCertificate: A client certificate is required',
    badScope: 'AG08 InvalidAccessRights: The requested scope is not allowed for this client',
    methods: ['tls_client_auth', 'private_key_jwt'],
    tokenEndpointAudience: true,
  },
  {
    profile: 'fapi2',
    noCertificate: 'A client certificate is required',
    badScope: 'The requested scope is not allowed for this client',
    methods: ['tls_client_auth', 'self_signed_tls_client_auth', 'private_key_jwt'],
    tokenEndpointAudience: false,
  },
];

describe.each(cases)('profile $profile', (expected) => {
  let server: TestObas;
  let certs: TppCertificates;
  let key: ClientSigningKey;
  let agent: Agent;
  let bare: Agent;

  beforeAll(async () => {
    const { dataDir, pki } = await prepareDataDir();
    certs = await issueTppCertificates(pki);
    key = await clientSigningKey('ES256', 'es');
    const common = { grant_types: ['client_credentials'], scope: 'accounts' };
    server = await startTestObas({
      dataDir,
      profile: expected.profile,
      clients: [
        { ...common, client_id: 'tls-client', token_endpoint_auth_method: 'tls_client_auth', tls_client_auth_subject_dn: certs.main.subjectDn },
        { ...common, client_id: 'jwt-client', token_endpoint_auth_method: 'private_key_jwt', jwks: { keys: [key.publicJwk] } },
      ],
    });
    agent = tppAgent({ certPem: certs.main.certPem, keyPem: certs.main.keyPem, caPem: pki.caCertPem });
    bare = tppAgent({ caPem: pki.caCertPem });
  });

  afterAll(async () => {
    await Promise.all([agent?.close(), bare?.close()]);
    await server?.close();
  });

  it('puts the dialect reason code in error_description', async () => {
    const noCertificate = await postForm(`${server.mtlsBaseUrl}/token`, bare, 'grant_type=client_credentials&client_id=tls-client');
    expect(noCertificate.json).toEqual({ error: 'invalid_client', error_description: expected.noCertificate });
    const badScope = await postForm(`${server.mtlsBaseUrl}/token`, agent, 'grant_type=client_credentials&client_id=tls-client&scope=payments');
    expect(badScope.json).toEqual({ error: 'invalid_scope', error_description: expected.badScope });
  });

  it('publishes only the methods the profile enables', async () => {
    const metadata = (await (await undiciFetch(`${server.issuer}/.well-known/oauth-authorization-server`, { dispatcher: bare })).json()) as Record<string, unknown>;
    expect(metadata['token_endpoint_auth_methods_supported']).toEqual(expected.methods);
    expect(metadata['issuer']).toBe(server.issuer);
  });

  it(`${expected.tokenEndpointAudience ? 'accepts' : 'refuses'} the token endpoint URL as client assertion aud`, async () => {
    const assertion = await signAssertion(key, assertionClaims('jwt-client', `${server.mtlsBaseUrl}/token`), 'ES256');
    const response = await postForm(`${server.mtlsBaseUrl}/token`, agent, assertionForm(assertion));
    expect(response.status).toBe(expected.tokenEndpointAudience ? 200 : 401);
  });

  it('always binds tokens to the certificate', async () => {
    const assertion = await signAssertion(key, assertionClaims('jwt-client', server.issuer), 'ES256');
    const withoutCertificate = await postForm(`${server.mtlsBaseUrl}/token`, bare, assertionForm(assertion));
    expect(withoutCertificate.status).toBe(400);
    expect(withoutCertificate.json['error']).toBe('invalid_request');
  });
});
