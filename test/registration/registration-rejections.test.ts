import type { JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCertificateAuthority } from '../../src/pki/certificate-authority.js';
import { issueTppCertificate, type IssuedCertificate } from '../../src/pki/tpp-certificate.js';
import { prepareDataDir, type TestObas } from '../support/obas-harness.js';
import { clientSigningKey, type ClientSigningKey } from '../support/tpp-fixtures.js';
import { expectError, foreignSsa, issueRegistrationCertificates, ORG_ID, REDIRECT_URI, registerJson, registerJws, RegistrationTestBed } from './registration-fixtures.js';
import { requestClaims, sandboxSsa, send, signRequest, ssaClaims, STORAGE_TARGETS, type RegistrationCertificates } from './registration-fixtures.js';

const CC = { token_endpoint_auth_method: 'tls_client_auth', grant_types: ['client_credentials'] };

describe.each(STORAGE_TARGETS)('registration refuses bad requests on $name', ({ database, skip }) => {
  const bed = new RegistrationTestBed(database);
  let stet: TestObas;
  let uk: TestObas;
  let certs: RegistrationCertificates;
  let untrusted: IssuedCertificate;
  let software: ClientSigningKey;
  let stranger: ClientSigningKey;
  let rsa256: ClientSigningKey;

  /** An mTLS agent presenting `cert` (null: no certificate at all). */
  const agentFor = (cert: IssuedCertificate | null = certs.tpp) => bed.agent(stet.pki.caCertPem, cert);
  const ssa = (overrides: JWTPayload = {}) => sandboxSsa(stet.dataDir, ssaClaims(software, overrides));
  /** A STET (JSON, SSA required) registration. */
  const json = async (metadata: Record<string, unknown>, cert?: IssuedCertificate | null, statement?: string) =>
    registerJson(stet.mtlsBaseUrl, agentFor(cert), { ...CC, software_statement: statement ?? (await ssa()), ...metadata });
  /** A UK (signed JWS) registration whose request claims a test may alter. */
  const signed = async (overrides: JWTPayload = {}, key = software, alg?: string) => {
    const claims = requestClaims(uk.issuer, await ssa(), { ...CC, scope: 'accounts' }, overrides);
    return registerJws(uk.mtlsBaseUrl, agentFor(), await signRequest(key, claims, alg));
  };

  beforeAll(async () => {
    if (skip) return;
    const { dataDir, pki } = await prepareDataDir();
    stet = await bed.start(dataDir, 'stet', 'stet');
    uk = await bed.start(dataDir, 'uk', 'uk-ob');
    certs = await issueRegistrationCertificates(pki);
    const foreignCa = await createCertificateAuthority({ commonName: 'Unknown CA', organization: 'Elsewhere' });
    untrusted = await issueTppCertificate(foreignCa, { organization: 'Example TPP Ltd', organizationIdentifier: ORG_ID, roles: ['PSP_AI'] });
    [software, stranger, rsa256] = await Promise.all([
      clientSigningKey('PS256', 'software'),
      clientSigningKey('PS256', 'stranger'),
      clientSigningKey('RS256', 'rs256'),
    ]);
  });

  afterAll(() => bed.close());

  describe('the TPP certificate', () => {
    it.skipIf(skip)('no certificate', async () => {
      expectError(await json({}, null), 401, 'invalid_client', /DS0E IncorrectSignerCertificate: A client certificate is required/);
    });

    it.skipIf(skip)('a certificate from an unknown CA', async () => {
      expectError(await json({}, untrusted), 401, 'invalid_client', /not issued by a trusted authority/);
    });

    it.skipIf(skip)('certificate roles that do not cover the requested scope', async () => {
      expectError(await json({ scope: 'aisp pisp' }, certs.aisOnly), 400, 'invalid_client_metadata', /AG08 .*scope pisp needs a PSD2 role: the certificate carries none of PSP_PI/);
    });

    it.skipIf(skip)('software statement roles that do not cover the requested scope', async () => {
      const statement = await ssa({ software_roles: ['AISP'] });
      expectError(await json({ scope: 'pisp' }, certs.tpp, statement), 400, 'invalid_client_metadata', /software_roles grant none of PSP_PI/);
    });

    it.skipIf(skip)('an organisation that is not the software statement org_id', async () => {
      expectError(await json({}, certs.otherOrg), 400, 'unapproved_software_statement', /org_id PSDGB-FCA-123456 is not the organisation of the client certificate \(PSDGB-FCA-654321\)/);
    });

    it.skipIf(skip)('a tls_client_auth_subject_dn that is not the presented certificate', async () => {
      expectError(await json({ tls_client_auth_subject_dn: certs.otherOrg.subjectDn }), 400, 'invalid_client_metadata', /identity must be that of the certificate/);
    });
  });

  describe('the software statement', () => {
    it.skipIf(skip)('missing where the profile requires one', async () => {
      const response = await registerJson(stet.mtlsBaseUrl, agentFor(), CC);
      expectError(response, 400, 'invalid_software_statement', /CH21 RequiredCompulsoryElementMissing: A software_statement is required/);
    });

    it.skipIf(skip)('a bad signature', async () => {
      const forged = await foreignSsa(stranger, ssaClaims(software));
      expectError(await json({}, certs.tpp, forged), 400, 'invalid_software_statement', /software statement signature does not verify/);
    });

    it.skipIf(skip)('expired', async () => {
      const past = Math.floor(Date.now() / 1000) - 7200;
      expectError(await json({}, certs.tpp, await ssa({ iat: past, exp: past + 3600 })), 400, 'invalid_software_statement', /TKXP TokenExpired: The software statement has expired/);
    });

    it.skipIf(skip)('an unknown issuer', async () => {
      const statement = await foreignSsa(stranger, ssaClaims(software, { iss: 'Some Other Directory' }));
      expectError(await json({}, certs.tpp, statement), 400, 'unapproved_software_statement', /issuer is not a trusted directory/);
    });

    it.skipIf(skip).each(['software_id', 'org_id', 'software_roles', 'software_redirect_uris', 'jti'])('without %s', async (claim) => {
      const statement = await ssa({ [claim]: undefined });
      expectError(await json({}, certs.tpp, statement), 400, 'invalid_software_statement', new RegExp(`CH21 .*has no ${claim} claim`));
    });

    it.skipIf(skip)('used twice where the profile makes software statements single-use', async () => {
      const statement = await ssa();
      const first = await json({ scope: 'aisp' }, certs.tpp, statement);
      expect(first.status).toBe(201);
      expectError(await json({ scope: 'aisp' }, certs.tpp, statement), 400, 'invalid_software_statement', /TKSG TokenSingleUse: The software statement was already used/);
    });
  });

  describe('single-use software statements', () => {
    it.skipIf(skip)('still let the client update its registration with the SSA it registered with', async () => {
      const statement = await ssa();
      const created = await json({ scope: 'aisp' }, certs.tpp, statement);
      expect(created.status).toBe(201);
      const update = { ...CC, scope: 'aisp extended_transaction_history', software_statement: statement };
      const updated = await send(String(created.json['registration_client_uri']), agentFor(), {
        method: 'PUT',
        token: String(created.json['registration_access_token']),
        body: JSON.stringify(update),
        contentType: 'application/json',
      });
      expect(updated.status).toBe(200);
      expect(updated.json['scope']).toBe('aisp extended_transaction_history');
    });
  });

  describe('the signed request (UK OB DCR)', () => {
    it.skipIf(skip)('sent as JSON', async () => {
      const response = await registerJson(uk.mtlsBaseUrl, agentFor(), { ...CC, software_statement: await ssa() });
      expectError(response, 400, 'invalid_request', /U010 .*must be a JWS signed by the TPP \(Content-Type: application\/jose\)/);
    });

    it.skipIf(skip)('a wrong aud', async () => {
      expectError(await signed({ aud: 'https://another-bank.example' }), 400, 'invalid_request', /U016 .*aud must be https:\/\/localhost/);
    });

    it.skipIf(skip)('expired', async () => {
      const past = Math.floor(Date.now() / 1000) - 600;
      expectError(await signed({ iat: past, exp: past + 300 }), 400, 'invalid_request', /The registration request has expired/);
    });

    it.skipIf(skip)('a replayed jti', async () => {
      const jws = await signRequest(software, requestClaims(uk.issuer, await ssa(), { ...CC, scope: 'accounts' }));
      const first = await registerJws(uk.mtlsBaseUrl, agentFor(), jws);
      expect(first.status).toBe(201);
      expectError(await registerJws(uk.mtlsBaseUrl, agentFor(), jws), 400, 'invalid_request', /jti was already used/);
    });

    it.skipIf(skip)('signed by a key that is not in the software statement JWKS', async () => {
      expectError(await signed({}, stranger), 400, 'invalid_request', /U015 .*registration request signature does not verify/);
    });

    it.skipIf(skip)('signed with RS256', async () => {
      expectError(await signed({}, rsa256, 'RS256'), 400, 'invalid_request', /U018 .*must be signed with PS256 or ES256, not RS256/);
    });

    it.skipIf(skip)('an iss that is not the software_id', async () => {
      expectError(await signed({ iss: 'someone-else' }), 400, 'invalid_request', /iss must be the software_id of the software statement/);
    });
  });

  describe('the metadata', () => {
    it.skipIf(skip)('a redirect URI that is not https', async () => {
      const response = await json({ grant_types: ['client_credentials'], redirect_uris: ['http://tpp.example/cb'] });
      expectError(response, 400, 'invalid_redirect_uri', /redirect_uris\[0\]: got ['"]http:\/\/tpp.example\/cb['"], expected an https URL without fragment/);
    });

    it.skipIf(skip)('a redirect URI outside the software statement', async () => {
      const response = await json({ redirect_uris: [REDIRECT_URI, 'https://elsewhere.example/cb'] });
      expectError(response, 400, 'invalid_redirect_uri', /redirect_uris\[1\]: .*expected one of the software_redirect_uris of the software statement/);
    });

    it.skipIf(skip)('jwks and jwks_uri together', async () => {
      const response = await json({ token_endpoint_auth_method: 'private_key_jwt', jwks: { keys: [software.publicJwk] }, jwks_uri: 'https://tpp.example/jwks' });
      expectError(response, 400, 'invalid_client_metadata', /jwks_uri: .*jwks and jwks_uri are mutually exclusive/);
    });

    it.skipIf(skip)('unsupported response types', async () => {
      const response = await json({ response_types: ['id_token', 'token'] });
      expectError(response, 400, 'invalid_client_metadata', /response_types: got \['id_token','token'\], expected a non-empty list of distinct response types from code, code id_token/);
    });

    it.skipIf(skip)('a signing algorithm other than PS256 or ES256', async () => {
      const response = await json({ token_endpoint_auth_method: 'private_key_jwt', token_endpoint_auth_signing_alg: 'RS256' });
      expectError(response, 400, 'invalid_client_metadata', /token_endpoint_auth_signing_alg: got 'RS256', expected one of PS256, ES256/);
    });

    it.skipIf(skip)('an auth method the profile does not allow', async () => {
      const response = await json({ token_endpoint_auth_method: 'client_secret_basic' });
      expectError(response, 400, 'invalid_client_metadata', /token_endpoint_auth_method: got 'client_secret_basic', expected one of tls_client_auth, private_key_jwt/);
    });

    it.skipIf(skip)('a scope the profile does not offer', async () => {
      expectError(await json({ scope: 'aisp accounts' }), 400, 'invalid_client_metadata', /The scope accounts is not offered; use aisp, extended_transaction_history, pisp, cbpii/);
    });

    it.skipIf(skip)('a body that is not JSON', async () => {
      const response = await send(`${stet.mtlsBaseUrl}/register`, agentFor(), { method: 'POST', body: '{"broken', contentType: 'application/json' });
      expectError(response, 400, 'invalid_request', /not valid JSON/);
    });
  });
});
