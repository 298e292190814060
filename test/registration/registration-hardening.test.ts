import { constants, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JWK, JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueTppCertificate, type IssuedCertificate } from '../../src/pki/tpp-certificate.js';
import { prepareDataDir, type TestObas } from '../support/obas-harness.js';
import { clientSigningKey, type ClientSigningKey } from '../support/tpp-fixtures.js';
import { expectError, foreignSsa, issueRegistrationCertificates, registerJson, registerJws, RegistrationTestBed } from './registration-fixtures.js';
import { requestClaims, sandboxSsa, ssaClaims, type RegistrationCertificates } from './registration-fixtures.js';

const CC = { token_endpoint_auth_method: 'tls_client_auth', grant_types: ['client_credentials'], scope: 'aisp' };

/** A key pair jose would refuse to make or use: RSA-1024 or an EC curve FAPI does not allow. */
function rawKey(kind: 'rsa1024' | 'p521', kid: string): { privateKey: KeyObject; publicJwk: JWK; privateJwk: JWK } {
  const { privateKey, publicKey } =
    kind === 'rsa1024' ? generateKeyPairSync('rsa', { modulusLength: 1024 }) : generateKeyPairSync('ec', { namedCurve: 'P-521' });
  return {
    privateKey,
    publicJwk: { ...(publicKey.export({ format: 'jwk' }) as JWK), kid },
    privateJwk: { ...(privateKey.export({ format: 'jwk' }) as JWK), kid },
  };
}

/** A PS256 JWS signed with node:crypto directly, since jose refuses RSA keys under 2048 bits. */
function signPs256(privateKey: KeyObject, kid: string, claims: JWTPayload): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${part({ alg: 'PS256', kid, typ: 'JWT' })}.${part(claims)}`;
  const signature = sign('sha256', Buffer.from(input), { key: privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 });
  return `${input}.${signature.toString('base64url')}`;
}

describe('registration refuses weak, malformed and foreign keys, and foreign authorities', () => {
  const bed = new RegistrationTestBed(async () => undefined);
  let dataDir: string;
  let caPem: string;
  let stet: TestObas;
  let uk: TestObas;
  let directoryServer: TestObas;
  let certs: RegistrationCertificates;
  let frenchTpp: IssuedCertificate;
  let software: ClientSigningKey;
  let stranger: ClientSigningKey;
  let directoryKey: ClientSigningKey;
  let weak: ReturnType<typeof rawKey>;
  let p521: ReturnType<typeof rawKey>;

  const agentFor = (cert: IssuedCertificate = certs.tpp) => bed.agent(caPem, cert);
  const ssa = (overrides: JWTPayload = {}) => sandboxSsa(dataDir, ssaClaims(software, overrides));
  const register = async (metadata: Record<string, unknown>, statement?: string, cert?: IssuedCertificate) =>
    registerJson(stet.mtlsBaseUrl, agentFor(cert), { ...CC, software_statement: statement ?? (await ssa()), ...metadata });

  beforeAll(async () => {
    const prepared = await prepareDataDir();
    dataDir = prepared.dataDir;
    caPem = prepared.pki.caCertPem;
    [software, stranger, directoryKey] = await Promise.all([
      clientSigningKey('PS256', 'software'),
      clientSigningKey('PS256', 'stranger'),
      clientSigningKey('PS256', 'directory'),
    ]);
    weak = rawKey('rsa1024', 'weak');
    p521 = rawKey('p521', 'p521');
    const file = join(dataDir, 'hardening-directory.jwks');
    writeFileSync(file, JSON.stringify({ keys: [directoryKey.publicJwk, weak.publicJwk] }));
    stet = await bed.start(dataDir, 'stet', 'stet');
    uk = await bed.start(dataDir, 'uk', 'uk-ob');
    directoryServer = await bed.start(dataDir, 'directory', 'stet', { directory: { jwksFile: file, issuers: ['Test Directory'] } });
    certs = await issueRegistrationCertificates(prepared.pki);
    frenchTpp = await issueTppCertificate(prepared.pki.ca, {
      organization: 'Example TPP SAS',
      organizationIdentifier: 'PSDFR-ACPR-123456',
      ncaId: 'FR-ACPR',
      ncaName: 'Autorite de Controle Prudentiel et de Resolution',
      commonName: 'french-tpp',
      roles: ['PSP_AI', 'PSP_PI'],
    });
  });

  afterAll(() => bed.close());

  describe('the software statement keys', () => {
    it('an SSA signed with an RSA-1024 key of the directory: 400 invalid_software_statement', async () => {
      const statement = signPs256(weak.privateKey, 'weak', ssaClaims(software, { iss: 'Test Directory' }));
      const response = await registerJson(directoryServer.mtlsBaseUrl, agentFor(), { ...CC, software_statement: statement });
      expectError(response, 400, 'invalid_software_statement', /software statement signature does not verify/);
    });

    it('the same directory still accepts its strong key', async () => {
      const statement = await foreignSsa(directoryKey, ssaClaims(software, { iss: 'Test Directory' }));
      const response = await registerJson(directoryServer.mtlsBaseUrl, agentFor(), { ...CC, software_statement: statement });
      expect(response.status).toBe(201);
    });

    it.each([
      ['a point off its curve', { kty: 'EC', crv: 'P-256', x: 'AAAA', y: 'AAAA' }, /software_jwks claim must be .*keys\[0\] its members do not make a usable public key/],
      ['a modulus that is not base64url', { kty: 'RSA', n: 'n+o/t=', e: 'AQAB' }, /keys\[0\] n must be a base64url string/],
      ['an RSA-1024 key', null, /keys\[0\] the RSA key has 1024 bits/],
      ['a P-521 key', 'p521', /keys\[0\] the curve must be P-256 or P-384/],
      ['a private key', 'private', /keys\[0\] has the private or symmetric member d/],
      ['an unknown key type', { kty: 'OKP', crv: 'Ed25519', x: 'AAAA' }, /keys\[0\] kty must be RSA or EC/],
    ])('an SSA whose software_jwks holds %s: 400 invalid_software_statement', async (_name, key, description) => {
      const jwk = key === null ? weak.publicJwk : key === 'p521' ? p521.publicJwk : key === 'private' ? weak.privateJwk : key;
      const response = await register({}, await ssa({ software_jwks: { keys: [jwk] } }));
      expectError(response, 400, 'invalid_software_statement', description);
    });

    it('an SSA whose software_jwks is not a key set: 400 invalid_software_statement', async () => {
      expectError(await register({}, await ssa({ software_jwks: 'keys' })), 400, 'invalid_software_statement', /software_jwks claim must be a JWK Set/);
    });

    it('a signed request (UK OB DCR) whose SSA holds an RSA-1024 software key: 400 invalid_software_statement', async () => {
      const statement = await sandboxSsa(dataDir, ssaClaims(software, { software_jwks: { keys: [weak.publicJwk] } }));
      const claims = requestClaims(uk.issuer, statement, { ...CC, scope: 'accounts' });
      const response = await registerJws(uk.mtlsBaseUrl, agentFor(), signPs256(weak.privateKey, 'weak', claims));
      expectError(response, 400, 'invalid_software_statement', /the RSA key has 1024 bits/);
    });
  });

  describe('the client keys', () => {
    it('jwks with an RSA-1024 key: 400 invalid_client_metadata', async () => {
      const response = await register({ jwks: { keys: [weak.publicJwk] } });
      expectError(response, 400, 'invalid_client_metadata', /jwks.keys\[0\]: the RSA key has 1024 bits; at least 2048 are required/);
    });

    it('jwks with a P-521 key: 400 invalid_client_metadata', async () => {
      expectError(await register({ jwks: { keys: [p521.publicJwk] } }), 400, 'invalid_client_metadata', /jwks.keys\[0\]: the curve must be P-256 or P-384/);
    });

    it('jwks with a private key: 400 invalid_client_metadata', async () => {
      expectError(await register({ jwks: { keys: [weak.privateJwk] } }), 400, 'invalid_client_metadata', /jwks.keys\[0\].d: got a private or symmetric key member/);
    });

    it('jwks with a malformed key: 400 invalid_client_metadata', async () => {
      const response = await register({ jwks: { keys: [{ kty: 'EC', crv: 'P-256', x: 'AAAA', y: 'AAAA' }] } });
      expectError(response, 400, 'invalid_client_metadata', /jwks.keys\[0\]: its members do not make a usable public key/);
    });

    it('jwks with a key that is not among the SSA software_jwks: 400 invalid_client_metadata', async () => {
      const response = await register({ jwks: { keys: [software.publicJwk, stranger.publicJwk] } });
      expectError(response, 400, 'invalid_client_metadata', /jwks.keys\[1\]: not a key of the software_jwks of the software statement/);
    });

    it('a jwks_uri other than the SSA software_jwks_endpoint: 400 invalid_client_metadata', async () => {
      const statement = await ssa({ software_jwks: undefined, software_jwks_endpoint: 'https://tpp.example/jwks' });
      const response = await register({ jwks_uri: 'https://attacker.example/jwks' }, statement);
      expectError(response, 400, 'invalid_client_metadata', /jwks_uri: got 'https:\/\/attacker.example\/jwks', expected https:\/\/tpp.example\/jwks/);
    });

    it('a jwks_uri where the SSA embeds its keys: 400 invalid_client_metadata', async () => {
      const response = await register({ jwks_uri: 'https://attacker.example/jwks' });
      expectError(response, 400, 'invalid_client_metadata', /jwks_uri: .*use jwks with keys of the software_jwks/);
    });

    it('a jwks where the SSA only names its software_jwks_endpoint: 400 invalid_client_metadata', async () => {
      const statement = await ssa({ software_jwks: undefined, software_jwks_endpoint: 'https://tpp.example/jwks' });
      const response = await register({ jwks: { keys: [stranger.publicJwk] } }, statement);
      expectError(response, 400, 'invalid_client_metadata', /jwks: .*expected jwks_uri https:\/\/tpp.example\/jwks/);
    });

    it('the good path: the SSA keys, given again or left to the SSA, register with 201', async () => {
      const given = await register({ jwks: { keys: [{ ...software.publicJwk, kid: 'renamed' }] } });
      expect(given.status).toBe(201);
      const defaulted = await register({});
      expect(defaulted.status).toBe(201);
      expect(defaulted.json['jwks']).toEqual({ keys: [software.publicJwk] });
      const statement = await ssa({ software_jwks: undefined, software_jwks_endpoint: 'https://tpp.example/jwks' });
      const byUri = await register({ jwks_uri: 'https://tpp.example/jwks' }, statement);
      expect(byUri.status).toBe(201);
    });
  });

  describe('the organisation', () => {
    it('the same authorisation number of another authority (PSDFR-ACPR-123456 vs PSDGB-FCA-123456) is refused', async () => {
      const response = await register({}, undefined, frenchTpp);
      expectError(response, 400, 'unapproved_software_statement', /org_id PSDGB-FCA-123456 is not the organisation of the client certificate \(PSDFR-ACPR-123456\)/);
    });

    it('a bare authorisation number of the sandbox directory (FCA) is refused for an ACPR certificate', async () => {
      const response = await register({}, await ssa({ org_id: '123456' }), frenchTpp);
      expectError(response, 400, 'unapproved_software_statement', /org_id 123456 is not the organisation of the client certificate \(PSDFR-ACPR-123456\)/);
    });

    it('a bare authorisation number of the sandbox directory (FCA) matches an FCA certificate, recorded in full', async () => {
      const response = await register({}, await ssa({ org_id: '123456' }));
      expect(response.status).toBe(201);
      expect(response.json['org_id']).toBe('PSDGB-FCA-123456');
    });

    it('a bare authorisation number from a configured directory (full identifiers) matches nothing', async () => {
      const statement = await foreignSsa(directoryKey, ssaClaims(software, { iss: 'Test Directory', org_id: '123456' }));
      const response = await registerJson(directoryServer.mtlsBaseUrl, agentFor(), { ...CC, software_statement: statement });
      expectError(response, 400, 'unapproved_software_statement', /org_id 123456 is not the organisation/);
    });
  });
});
