import { describe, expect, it } from 'vitest';
import {
  CLIENT_METADATA_RULES,
  validateClientMetadata,
  type ClientMetadataContext,
  type MetadataRule,
} from '../../src/registration/client-metadata.ts';

const context: ClientMetadataContext = {
  allowedAuthMethods: ['tls_client_auth', 'self_signed_tls_client_auth', 'private_key_jwt'],
  alwaysBindTokens: false,
  supportedGrantTypes: ['client_credentials'],
};

const RSA_KEY = { kty: 'RSA', n: 'sXch', e: 'AQAB', kid: 'k1' };
const EC_KEY = { kty: 'EC', crv: 'P-256', x: 'f83O', y: 'x_FE' };
const mtls = { client_id: 'tpp-1', token_endpoint_auth_method: 'tls_client_auth', tls_client_auth_subject_dn: 'CN=tpp', grant_types: ['client_credentials'] };
const pkj = { client_id: 'tpp-2', token_endpoint_auth_method: 'private_key_jwt', jwks: { keys: [RSA_KEY] }, grant_types: ['client_credentials'] };

/** The problems for `input`, as `field: message` lines (empty when valid). */
function errorsOf(input: unknown, ctx: ClientMetadataContext = context): string[] {
  const result = validateClientMetadata(input, ctx);
  return result.ok ? [] : result.errors.map((e) => `${e.field}: ${e.message}`);
}

describe('validateClientMetadata accepts', () => {
  it('a tls_client_auth client, dropping unknown fields and filling the binding flag', () => {
    const result = validateClientMetadata({ ...mtls, scope: 'accounts payments', logo_uri: 'https://x', client_name: 'TPP' }, context);
    expect(result).toEqual({
      ok: true,
      metadata: { ...mtls, scope: 'accounts payments', client_name: 'TPP', tls_client_certificate_bound_access_tokens: false },
    });
  });

  it('each RFC 8705 subject field on its own', () => {
    const subjects = {
      tls_client_auth_san_dns: 'tpp.example.com',
      tls_client_auth_san_uri: 'https://tpp.example.com/id',
      tls_client_auth_san_ip: '2001:db8::1',
      tls_client_auth_san_email: 'ops@tpp.example.com',
    };
    for (const [field, value] of Object.entries(subjects)) {
      const { tls_client_auth_subject_dn: _dn, ...rest } = mtls;
      expect(errorsOf({ ...rest, [field]: value })).toEqual([]);
    }
  });

  it('private_key_jwt with jwks (RSA and EC) or jwks_uri, and the FAPI signing algorithms', () => {
    expect(errorsOf({ ...pkj, jwks: { keys: [RSA_KEY, EC_KEY] }, token_endpoint_auth_signing_alg: 'ES256' })).toEqual([]);
    const { jwks: _jwks, ...withoutJwks } = pkj;
    const result = validateClientMetadata({ ...withoutJwks, jwks_uri: 'https://tpp.example.com/jwks.json' }, context);
    expect(result.ok && result.metadata['jwks_uri']).toBe('https://tpp.example.com/jwks.json');
  });

  it('forces certificate-bound tokens when the profile always binds', () => {
    const result = validateClientMetadata({ ...mtls, tls_client_certificate_bound_access_tokens: false }, { ...context, alwaysBindTokens: true });
    expect(result.ok && result.metadata['tls_client_certificate_bound_access_tokens']).toBe(true);
  });

  it('redirect URIs for authorization_code when that grant is supported', () => {
    const ctx = { ...context, supportedGrantTypes: ['authorization_code', 'client_credentials'] };
    const { grant_types: _g, ...defaultGrants } = mtls;
    expect(errorsOf({ ...defaultGrants, redirect_uris: ['https://tpp.example.com/cb'] }, ctx)).toEqual([]);
    expect(errorsOf(defaultGrants, ctx)).toEqual([
      'redirect_uris: got nothing, expected at least one https URL (required for authorization_code)',
    ]);
  });
});

describe('validateClientMetadata rejects', () => {
  it('a non-object', () => {
    expect(errorsOf(['tpp'])).toEqual([': got ["tpp"], expected a JSON object']);
    expect(errorsOf(null)).toEqual([': got null, expected a JSON object']);
  });

  it('a bad or missing client_id', () => {
    const expected = 'expected 1–128 characters of A-Z a-z 0-9 . _ ~ -';
    for (const client_id of ['', 'has space', 'ü', 7]) {
      expect(errorsOf({ ...mtls, client_id })).toEqual([`client_id: got ${JSON.stringify(client_id)}, ${expected}`]);
    }
    expect(errorsOf({ ...mtls, client_id: undefined })).toEqual([`client_id: got nothing, ${expected}`]);
    expect(errorsOf({ ...mtls, client_id: 'x'.repeat(129) })).toEqual([`client_id: got "${'x'.repeat(78)}…, ${expected}`]);
    expect(errorsOf({ ...mtls, client_id: 'A-z_0.9~'.repeat(16) })).toEqual([]);
  });

  it('a missing, unknown or disabled auth method', () => {
    expect(errorsOf({ ...mtls, token_endpoint_auth_method: undefined })[0]).toBe(
      'token_endpoint_auth_method: got nothing, expected one of tls_client_auth, self_signed_tls_client_auth, private_key_jwt',
    );
    expect(errorsOf({ ...mtls, token_endpoint_auth_method: 'none' })).toEqual([
      'token_endpoint_auth_method: got "none", expected one of tls_client_auth, self_signed_tls_client_auth, private_key_jwt',
    ]);
    expect(errorsOf({ client_id: 'a', token_endpoint_auth_method: 'client_secret_basic', grant_types: ['client_credentials'] })).toEqual([
      'token_endpoint_auth_method: got "client_secret_basic", expected one of tls_client_auth, self_signed_tls_client_auth, private_key_jwt (client_secret_basic is not enabled; see profile.allowedAuthMethods)',
    ]);
  });

  it('unsupported, duplicate, empty or defaulted grant types', () => {
    expect(errorsOf({ ...mtls, grant_types: ['client_credentials', 'password'] })).toEqual([
      'grant_types[1]: got "password", expected one of client_credentials',
    ]);
    expect(errorsOf({ ...mtls, grant_types: [] })).toEqual([
      'grant_types: got [], expected a non-empty list of distinct grant types from client_credentials',
    ]);
    expect(errorsOf({ ...mtls, grant_types: ['client_credentials', 'client_credentials'] })[0]).toMatch(/^grant_types: got \[/);
    expect(errorsOf({ ...mtls, grant_types: 'client_credentials' })[0]).toMatch(/^grant_types: got "client_credentials"/);
    const { grant_types: _g, ...noGrants } = mtls;
    expect(errorsOf(noGrants)).toEqual([
      'grant_types: got "authorization_code", expected one of client_credentials (omitted grant_types defaults to authorization_code, RFC 7591 §2)',
    ]);
  });

  it('malformed scope', () => {
    for (const scope of ['a  b', ' a', 'a ', 'quo"te', 'back\\slash', 'tab\tx', '', 5]) {
      expect(errorsOf({ ...mtls, scope })).toEqual([
        `scope: got ${JSON.stringify(scope)}, expected scope tokens (printable ASCII except " and \\) separated by single spaces`,
      ]);
    }
  });

  it('private keys, symmetric keys and malformed JWKs', () => {
    for (const member of ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth']) {
      expect(errorsOf({ ...pkj, jwks: { keys: [EC_KEY, { ...RSA_KEY, [member]: 'secret' }] } })).toEqual([
        `jwks.keys[1].${member}: got a private or symmetric key member, expected public keys only`,
      ]);
    }
    expect(errorsOf({ ...pkj, jwks: { keys: [{ kty: 'oct', k: 'c2VjcmV0' }] } })).toEqual([
      'jwks.keys[0].k: got a private or symmetric key member, expected public keys only',
    ]);
    expect(errorsOf({ ...pkj, jwks: { keys: [{ kty: 'OKP', crv: 'Ed25519', x: 'a' }] } })).toEqual([
      'jwks.keys[0].kty: got "OKP", expected RSA or EC',
    ]);
    expect(errorsOf({ ...pkj, jwks: { keys: [{ kty: 'EC', crv: 'P-256', x: 'a' }, 'key'] } })).toEqual([
      'jwks.keys[0].y: got nothing, expected a base64url string',
      'jwks.keys[1]: got "key", expected a JWK object',
    ]);
    expect(errorsOf({ ...pkj, jwks: { keys: [] } })).toEqual(['jwks.keys: got 0 keys, expected a list of 1–50 JWKs']);
    expect(errorsOf({ ...pkj, jwks: { keys: { kty: 'RSA', d: 'secret' } } })).toEqual([
      'jwks.keys: got an object, expected a list of 1–50 JWKs',
    ]);
  });

  it('jwks together with jwks_uri, a non-https jwks_uri, and a missing key set', () => {
    expect(errorsOf({ ...pkj, jwks_uri: 'https://tpp.example.com/jwks' })).toEqual([
      'jwks_uri: got "https://tpp.example.com/jwks", expected nothing when jwks is given (jwks and jwks_uri are mutually exclusive)',
    ]);
    const { jwks: _jwks, ...noKeys } = pkj;
    expect(errorsOf({ ...noKeys, jwks_uri: 'http://tpp.example.com/jwks' })).toEqual([
      'jwks_uri: got "http://tpp.example.com/jwks", expected an https URL without fragment',
    ]);
    expect(errorsOf(noKeys)).toEqual(['jwks: got nothing, expected jwks or jwks_uri (required for private_key_jwt)']);
    expect(errorsOf({ ...noKeys, token_endpoint_auth_method: 'self_signed_tls_client_auth' })).toEqual([
      'jwks: got nothing, expected jwks or jwks_uri (required for self_signed_tls_client_auth)',
    ]);
  });

  it('tls_client_auth without exactly one subject field, or with a malformed one', () => {
    const { tls_client_auth_subject_dn: _dn, ...noSubject } = mtls;
    expect(errorsOf(noSubject)).toEqual([
      'tls_client_auth_subject_dn: got none, expected exactly one of tls_client_auth_subject_dn, tls_client_auth_san_dns, tls_client_auth_san_uri, tls_client_auth_san_ip, tls_client_auth_san_email (RFC 8705 §2.1.2)',
    ]);
    expect(errorsOf({ ...mtls, tls_client_auth_san_dns: 'tpp.example.com' })).toEqual([
      'tls_client_auth_san_dns: got tls_client_auth_subject_dn and tls_client_auth_san_dns, expected exactly one of tls_client_auth_subject_dn, tls_client_auth_san_dns, tls_client_auth_san_uri, tls_client_auth_san_ip, tls_client_auth_san_email (RFC 8705 §2.1.2)',
    ]);
    const malformed: Record<string, [unknown, string]> = {
      tls_client_auth_subject_dn: ['tpp', 'an RFC 4514 distinguished name such as "CN=tpp,O=Example"'],
      tls_client_auth_san_dns: ['not a host', 'a DNS name'],
      tls_client_auth_san_uri: ['relative/path', 'an absolute URI'],
      tls_client_auth_san_ip: ['300.1.1.1', 'an IPv4 or IPv6 address'],
      tls_client_auth_san_email: ['nobody', 'an email address'],
    };
    for (const [field, [value, expected]] of Object.entries(malformed)) {
      expect(errorsOf({ ...noSubject, [field]: value })).toEqual([`${field}: got ${JSON.stringify(value)}, expected ${expected}`]);
    }
  });

  it('subject fields on a client that does not use tls_client_auth', () => {
    expect(errorsOf({ ...pkj, tls_client_auth_san_email: 'ops@tpp.example.com' })).toEqual([
      'tls_client_auth_san_email: got "ops@tpp.example.com", expected nothing unless token_endpoint_auth_method is tls_client_auth',
    ]);
  });

  it('a signing algorithm outside PS256/ES256 and a non-boolean binding flag', () => {
    expect(errorsOf({ ...pkj, token_endpoint_auth_signing_alg: 'RS256', tls_client_certificate_bound_access_tokens: 'true' })).toEqual([
      'token_endpoint_auth_signing_alg: got "RS256", expected one of PS256, ES256',
      'tls_client_certificate_bound_access_tokens: got "true", expected true or false',
    ]);
  });

  it('empty or overlong descriptive fields', () => {
    expect(errorsOf({ ...mtls, client_name: '', software_id: 'x'.repeat(256), software_version: 3 })).toEqual([
      'client_name: got "", expected a non-empty string of at most 255 characters',
      expect.stringMatching(/^software_id: got "x{78}…, expected a non-empty string of at most 255 characters$/),
      'software_version: got 3, expected a non-empty string of at most 255 characters',
    ]);
  });

  it('redirect URIs that are not https, carry a fragment, or are not a list', () => {
    const ctx = { ...context, supportedGrantTypes: ['authorization_code'] };
    const base = { ...mtls, grant_types: ['authorization_code'] };
    expect(errorsOf({ ...base, redirect_uris: ['https://a.example/cb', 'http://a.example/cb'] }, ctx)).toEqual([
      'redirect_uris[1]: got "http://a.example/cb", expected an https URL without fragment',
    ]);
    expect(errorsOf({ ...base, redirect_uris: ['https://a.example/cb#x'] }, ctx)[0]).toMatch(/^redirect_uris\[0\]: got "https:\/\/a\.example\/cb#x"/);
    expect(errorsOf({ ...base, redirect_uris: [] }, ctx)).toEqual(['redirect_uris: got [], expected a non-empty list of https URLs']);
  });
});

describe('composition', () => {
  it('runs extra rules after the standard ones', () => {
    const softwareStatementRequired: MetadataRule = (rule) => {
      if (rule.input['software_statement'] === undefined) rule.problems.push({ field: 'software_statement', message: 'got nothing, expected a JWT' });
    };
    const result = validateClientMetadata(mtls, context, [...CLIENT_METADATA_RULES, softwareStatementRequired]);
    expect(result).toEqual({ ok: false, errors: [{ field: 'software_statement', message: 'got nothing, expected a JWT' }] });
  });
});
