import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error.js';
import { loadConfig } from '../../src/config/load-config.ts';
import { PROFILES } from '../../src/config/profiles/profile-registry.ts';
import { DEFAULT_SANDBOX_PSUS } from '../../src/config/sandbox-psus.defaults.ts';
import { validateClientMetadata } from '../../src/registration/client-metadata.ts';
import { SAMPLE_SECRET_HASH, selfSignedPem, tempDir, writeText } from './config-fixtures.ts';

async function load(settings: unknown) {
  const dir = tempDir();
  return loadConfig({ configPath: writeText(dir, 'obas.json', JSON.stringify(settings)), env: {}, cwd: dir });
}

async function problems(settings: unknown): Promise<string[]> {
  const error = await load(settings).then(() => undefined, (thrown: unknown) => thrown);
  expect(error).toBeInstanceOf(ConfigError);
  return (error as ConfigError).issues.map((issue) => `${issue.key}: ${issue.problem}`);
}

describe('PSU authorization settings of the profiles', () => {
  it('differ as FAPI 2.0, FAPI 1.0 Advanced (UK) and STET do', () => {
    const knobs = Object.values(PROFILES).map((p) => [
      p.name,
      p.authorization.responseTypes.join(','),
      p.authorization.jarm,
      p.authorization.codeRequiresJarm,
      p.authorization.requirePushedRequests,
      p.authorization.requireSignedRequestObject,
      p.refreshTokens.rotate,
      p.lifetimes.authorizationCode,
      p.lifetimes.requestUri,
      p.lifetimes.consent / 86_400,
    ]);
    expect(knobs).toEqual([
      ['fapi2', 'code', true, false, true, false, false, 60, 60, 90],
      ['uk-ob', 'code id_token,code', true, true, false, true, false, 60, 60, 90],
      ['stet', 'code', false, false, false, false, true, 60, 60, 180],
    ]);
  });

  it('can be overridden knob by knob', async () => {
    const config = await load({
      profile: {
        name: 'fapi2',
        authorization: { requirePushedRequests: false, jarm: false, idTokenSigningAlg: 'ES256' },
        refreshTokens: { rotate: true, graceSeconds: 30 },
        lifetimes: { authorizationCode: 30, requestUri: 90 },
      },
    });
    expect(config.profile.authorization).toEqual({ ...PROFILES.fapi2.authorization, requirePushedRequests: false, jarm: false, idTokenSigningAlg: 'ES256' });
    expect(config.profile.refreshTokens).toEqual({ rotate: true, graceSeconds: 30 });
    expect(config.profile.lifetimes).toEqual({ ...PROFILES.fapi2.lifetimes, authorizationCode: 30, requestUri: 90 });
  });

  it('are validated with the key, the value and the expectation', async () => {
    expect(
      await problems({
        profile: {
          authorization: { responseTypes: ['token'], jarm: 'yes', requirePar: true },
          refreshTokens: { graceSeconds: 3600 },
          lifetimes: { authorizationCode: 120, requestUri: 91 },
        },
      }),
    ).toEqual([
      'profile.lifetimes.authorizationCode: got 120, expected an integer 1–60 seconds',
      'profile.lifetimes.requestUri: got 91, expected an integer 1–90 seconds',
      'profile.authorization.requirePar: got an unknown key, expected one of responseTypes, jarm, codeRequiresJarm, requirePushedRequests, requireSignedRequestObject, idTokenSigningAlg',
      'profile.authorization.responseTypes[0]: got "token", expected one of code, code id_token',
      'profile.authorization.jarm: got "yes", expected true or false',
      'profile.refreshTokens.graceSeconds: got 3600, expected an integer 0–300 seconds',
    ]);
  });
});

describe('sandbox PSUs', () => {
  const psu = {
    username: 'dora',
    passwordHash: SAMPLE_SECRET_HASH,
    name: 'Dora Explorer',
    accounts: [{ id: 'acc-dora', name: 'Current', identification: 'GB33BUKB20201555555555', currency: 'GBP' }],
  };

  it('ship in a development set-up (dev CA trusted), not otherwise', async () => {
    expect((await load({})).sandbox.psus).toBe(DEFAULT_SANDBOX_PSUS);
    const dir = tempDir();
    writeText(dir, 'ca.pem', (await selfSignedPem('ca')).cert);
    const production = await loadConfig({ configPath: writeText(dir, 'obas.json', JSON.stringify({ trustAnchors: ['ca.pem'] })), env: {}, cwd: dir });
    expect(production.sandbox.psus).toEqual([]);
  });

  it('come from sandbox.psus, the subject defaulting to the username', async () => {
    expect((await load({ sandbox: { psus: [psu] } })).sandbox.psus).toEqual([{ ...psu, subject: 'dora' }]);
  });

  it('are validated: password hashes only, unique names and accounts', async () => {
    expect(
      await problems({
        sandbox: {
          psus: [
            { ...psu, passwordHash: 'clear-password' },
            { ...psu, accounts: [{ ...psu.accounts[0], currency: 'pounds' }] },
            { ...psu, username: 'bad name', accounts: [] },
          ],
        },
      }),
    ).toEqual([
      'sandbox.psus[0].passwordHash: got "***", expected the output of `obas clients hash-secret --stdin` (scrypt$…)',
      'sandbox.psus[1].accounts[0].currency: got "pounds", expected an ISO 4217 code such as EUR or GBP',
      'sandbox.psus[2].username: got "bad name", expected 1–64 characters of A-Z a-z 0-9 . _ @ ~ -',
      'sandbox.psus[2].accounts: got [], expected a list of 1–20 accounts',
    ]);
    expect(await problems({ sandbox: { psus: [psu, psu] } })).toContain('sandbox.psus: got "dora", expected each username used once only');
  });
});

describe('client metadata for PSU authorization', () => {
  const context = { allowedAuthMethods: ['tls_client_auth'] as const, alwaysBindTokens: true, supportedGrantTypes: ['authorization_code', 'refresh_token'] };
  const base = { client_id: 'tpp', token_endpoint_auth_method: 'tls_client_auth', tls_client_auth_subject_dn: 'CN=tpp', redirect_uris: ['https://tpp.example/cb'] };

  it('accepts response_types obas implements, with the authorization_code grant', () => {
    const result = validateClientMetadata({ ...base, response_types: ['code id_token', 'code'] }, context);
    expect(result.ok && result.metadata['response_types']).toEqual(['code id_token', 'code']);
  });

  it('refuses other or incoherent response_types', () => {
    const unknown = validateClientMetadata({ ...base, response_types: ['token'] }, context);
    expect(unknown.ok ? [] : unknown.errors).toEqual([{ field: 'response_types', message: 'got ["token"], expected a non-empty list of distinct response types from code, code id_token' }]);
    const withoutCodeGrant = validateClientMetadata({ ...base, grant_types: ['refresh_token'], response_types: ['code'] }, context);
    expect(withoutCodeGrant.ok).toBe(false);
  });
});
