import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error.js';
import { loadConfig } from '../../src/config/load-config.js';
import { STET_SCOPE_ROLES, UK_SCOPE_ROLES } from '../../src/config/profiles/registration-scopes.js';
import { OAuthError } from '../../src/errors/oauth-error.js';
import { publicText } from '../../src/registration/registration-errors.js';
import { organisationsAgree, registrableScope } from '../../src/registration/tpp-entitlements.js';
import { tempDir } from '../config/config-fixtures.js';

function refusal(run: () => unknown): { code: string; reason: string | undefined; description: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof OAuthError) return { code: error.code, reason: error.reason, description: error.description };
    throw error;
  }
  throw new Error('expected a refusal');
}

async function configProblems(file: Record<string, unknown>, env: Record<string, string> = {}): Promise<string[]> {
  const dir = tempDir();
  const path = join(dir, 'obas.json');
  writeFileSync(path, JSON.stringify(file));
  try {
    await loadConfig({ configPath: path, env, cwd: dir });
  } catch (error) {
    if (error instanceof ConfigError) return error.issues.map((issue) => `${issue.key}: ${issue.problem}`);
    throw error;
  }
  return [];
}

describe('organisation agreement between the SSA and the certificate', () => {
  it('agrees on equal identifiers and on the authorisation number of a PSD2 identifier', () => {
    expect(organisationsAgree('PSDGB-FCA-123456', 'PSDGB-FCA-123456')).toBe(true);
    expect(organisationsAgree('123456', 'PSDGB-FCA-123456')).toBe(true);
    expect(organisationsAgree('0015800001041RHAAY', 'PSDGB-OB-0015800001041RHAAY')).toBe(true);
  });

  it('disagrees on anything else', () => {
    expect(organisationsAgree('654321', 'PSDGB-FCA-123456')).toBe(false);
    expect(organisationsAgree('psdgb-fca-123456', 'PSDGB-FCA-123456')).toBe(false);
    expect(organisationsAgree('FCA-123456', 'PSDGB-FCA-123456')).toBe(false);
    expect(organisationsAgree('123456', undefined)).toBe(false);
  });
});

describe('registrable scope: requested ∩ profile ∩ certificate roles ∩ SSA roles', () => {
  const both = { certificate: ['PSP_AI', 'PSP_PI'] as const, softwareStatement: ['PSP_AI', 'PSP_PI', 'PSP_IC'] as const };

  it('grants what is asked when everything covers it, never more', () => {
    expect(registrableScope('accounts', UK_SCOPE_ROLES, both)).toBe('accounts');
    expect(registrableScope('openid payments', UK_SCOPE_ROLES, both)).toBe('openid payments');
  });

  it('grants everything covered when nothing is asked', () => {
    expect(registrableScope(undefined, UK_SCOPE_ROLES, both)).toBe('openid accounts payments');
    expect(registrableScope(undefined, STET_SCOPE_ROLES, { certificate: ['PSP_AI'] })).toBe('aisp extended_transaction_history');
  });

  it('refuses a scope whose role the certificate lacks', () => {
    expect(refusal(() => registrableScope('fundsconfirmations', UK_SCOPE_ROLES, both))).toEqual({
      code: 'invalid_client_metadata',
      reason: 'psd2_role_missing',
      description: 'The scope fundsconfirmations needs a PSD2 role: the certificate carries none of PSP_IC',
    });
  });

  it('refuses extended_transaction_history without PSP_AI, even with other roles', () => {
    const refused = refusal(() => registrableScope('extended_transaction_history', STET_SCOPE_ROLES, { certificate: ['PSP_PI', 'PSP_IC'] }));
    expect(refused.reason).toBe('psd2_role_missing');
  });

  it('refuses a scope whose role the SSA lacks', () => {
    const refused = refusal(() => registrableScope('payments', UK_SCOPE_ROLES, { certificate: ['PSP_PI'], softwareStatement: ['PSP_AI'] }));
    expect(refused.description).toBe('The scope payments needs a PSD2 role: the software statement software_roles grant none of PSP_PI');
  });

  it('refuses scopes the profile does not offer, including inherited object keys', () => {
    expect(refusal(() => registrableScope('aisp', UK_SCOPE_ROLES, both)).reason).toBe('client_metadata_invalid');
    expect(refusal(() => registrableScope('constructor', UK_SCOPE_ROLES, both)).description).toMatch(/^The scope constructor is not offered/);
  });

  it('refuses when nothing at all is covered', () => {
    expect(refusal(() => registrableScope(undefined, STET_SCOPE_ROLES, { certificate: [] })).reason).toBe('psd2_role_missing');
  });
});

describe('error descriptions', () => {
  it('keep to the RFC 6749 §5.2 character set', () => {
    expect(publicText('got "a\\b", expected 1–128 § …é')).toBe("got 'a/b', expected 1-128 section  ...?");
  });
});

describe('directory and registration configuration', () => {
  it('trusts the sandbox directory in a development set-up only', async () => {
    const dir = tempDir();
    expect((await loadConfig({ env: {}, cwd: dir })).directory).toEqual({ issuers: [], sandbox: true });
    expect((await loadConfig({ env: { OBAS_TRUST_DEV_CA: 'false' }, cwd: dir })).directory.sandbox).toBe(false);
    const withDirectory = await loadConfig({
      env: { OBAS_DIRECTORY_JWKS_URL: 'https://directory.example/jwks', OBAS_DIRECTORY_ISSUERS: 'Example Directory' },
      cwd: dir,
    });
    expect(withDirectory.directory).toEqual({ jwksUrl: 'https://directory.example/jwks', issuers: ['Example Directory'], sandbox: false });
  });

  it('reports every directory problem', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'empty.jwks'), JSON.stringify({ keys: [{ kty: 'oct', k: 'c2VjcmV0' }] }));
    expect(await configProblems({ directory: { jwksFile: join(dir, 'empty.jwks'), jwksUrl: 'http://directory.example', sandbox: 'yes' } })).toEqual([
      `directory.jwksFile: got "${join(dir, 'empty.jwks')}", expected a JWK Set file with at least one public key`,
      'directory.jwksUrl: got "http://directory.example", expected an https URL without fragment',
      'directory.jwksUrl: got both jwksFile and jwksUrl, expected one of them',
      'directory.issuers: got nothing, expected the iss values the directory keys sign for',
      'directory.sandbox: got "yes", expected true or false',
    ]);
    expect(await configProblems({ directory: { issuers: ['X'] } })).toEqual(['directory.issuers: got issuers without keys, expected jwksFile or jwksUrl too']);
  });

  it('reads the registration knobs of a profile', async () => {
    const dir = tempDir();
    const path = join(dir, 'obas.json');
    const registration = { requestFormat: 'jwt', softwareStatementSingleUse: true, scopes: { accounts: ['PSP_AI'], custom: [] } };
    writeFileSync(path, JSON.stringify({ profile: { name: 'fapi2', registration } }));
    const config = await loadConfig({ configPath: path, env: {}, cwd: dir });
    expect(config.profile.registration).toEqual({ ...registration, softwareStatement: 'optional', managementWithAccessToken: false });
    expect(await configProblems({ profile: { name: 'stet', registration: { requestFormat: 'xml', scopes: { aisp: ['AISP'] } } } })).toEqual([
      'profile.registration.requestFormat: got "xml", expected one of jwt, json',
      'profile.registration.scopes.aisp[0]: got "AISP", expected one of PSP_AS, PSP_PI, PSP_AI, PSP_IC',
    ]);
  });
});
