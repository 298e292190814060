import { describe, expect, it } from 'vitest';
import type { ConfigFlags } from '../../src/config/config-overrides.ts';
import { ConfigError } from '../../src/config/config-error.js';
import { loadConfig } from '../../src/config/load-config.ts';
import { SAMPLE_SECRET_HASH, selfSignedPem, tempDir, writeText } from './config-fixtures.ts';

/** Loads `settings` (as JSON) and returns the problems as `key: problem` lines; fails if loading succeeds. */
async function problems(settings: unknown, env: Record<string, string> = {}, flags: ConfigFlags = {}, dir = tempDir()) {
  const file = writeText(dir, 'obas.json', JSON.stringify(settings));
  const error = await loadConfig({ configPath: file, env, cwd: dir, flags }).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ConfigError);
  const issues = (error as ConfigError).issues.map((issue) => `${issue.key}: ${issue.problem}`);
  expect((error as ConfigError).message).toContain(issues.map((line) => `  ${line}`).join('\n'));
  return issues;
}

describe('errors name the key, the value and the expectation', () => {
  it('ports: type and range', async () => {
    expect(await problems({ mtls: { port: 'abc' }, frontChannel: { port: 70000 } })).toEqual([
      'frontChannel.port: got 70000, expected an integer 0–65535',
      'mtls.port: got "abc", expected an integer 0–65535',
    ]);
    expect(await problems({ frontChannel: { port: 1.5 } })).toEqual(['frontChannel.port: got 1.5, expected an integer 0–65535']);
  });

  it('issuer and mTLS base URL', async () => {
    const expected = 'expected a canonical https URL without query, fragment, credentials or trailing slash';
    for (const issuer of ['http://as.example', 'https://as.example/', 'https:as.example', 'https://AS.example', 'https://as.example:443', 'https://as.example?x=1', 'https://as.example#f', 'not a url', 42]) {
      expect(await problems({ issuer })).toEqual([`issuer: got ${JSON.stringify(issuer)}, ${expected}`]);
    }
    expect(await problems({ mtls: { baseUrl: 'https://u:p@mtls.example' } })).toEqual([
      `mtls.baseUrl: got "https://u:p@mtls.example", ${expected}`,
    ]);
  });

  it('consents and resource servers', async () => {
    expect(await problems({ consents: { basePath: 'open-banking/', retentionSeconds: 3600, idempotencySeconds: 'day' } })).toEqual([
      'consents.basePath: got "open-banking/", expected a path such as /open-banking (lower-case segments, no trailing slash)',
      'consents.retentionSeconds: got 3600, expected an integer 86400–315360000 seconds',
      'consents.idempotencySeconds: got "day", expected an integer 60–604800 seconds',
    ]);
    expect(
      await problems({
        resourceServers: [
          { id: 'rs', subjectDn: 'not a dn' },
          { id: 'rs2' },
          { id: 'rs3', certificateThumbprint: 'short' },
        ],
      }),
    ).toEqual([
      'resourceServers[0].subjectDn: got "not a dn", expected an RFC 4514 distinguished name such as "CN=rs,O=Bank,C=GB"',
      'resourceServers[1]: expected exactly one of subjectDn and certificateThumbprint',
      'resourceServers[2].certificateThumbprint: got "short", expected a base64url SHA-256 thumbprint (43 characters)',
    ]);
    expect(
      await problems({
        resourceServers: [
          { id: 'rs', subjectDn: 'CN=rs,O=Bank,C=GB' },
          { id: 'rs', subjectDn: 'cn=rs, o=Bank, c=GB' },
        ],
      }),
    ).toEqual([
      'resourceServers: got two resource servers with one id, expected distinct ids',
      'resourceServers: got two resource servers with one certificate identity, expected distinct ones',
    ]);
    expect(await problems({ profile: { name: 'uk-ob', messageSigning: 'yes' } })).toEqual(['profile.messageSigning: got "yes", expected true or false']);
  });

  it('listener hosts', async () => {
    expect(await problems({ frontChannel: { host: 'bad host!' } })).toEqual([
      'frontChannel.host: got "bad host!", expected an IP address or host name',
    ]);
  });

  it('unknown keys, with a suggestion for typos', async () => {
    const issues = await problems({ databse: {}, mtls: { prot: 1 }, profile: { name: 'fapi2', lifetime: {} } });
    expect(issues[0]).toMatch(/^databse: got an unknown key, expected database \(or another of issuer, /);
    expect(issues[1]).toBe('mtls.prot: got an unknown key, expected port (or another of host, port, baseUrl, tls)');
    expect(issues[2]).toMatch(/^profile\.lifetime: got an unknown key, expected lifetimes /);
    expect(await problems({ limits: { zzz: 1 } })).toEqual([
      'limits.zzz: got an unknown key, expected one of bodyBytes, parameters, parameterLength',
    ]);
  });

  it('sections of the wrong type', async () => {
    expect(await problems({ mtls: 8444, trustedProxies: '10.0.0.1' })).toEqual([
      'mtls: got 8444, expected an object',
      'trustedProxies: got "10.0.0.1", expected a list',
    ]);
  });

  it('enums: profile, log level, auth methods, token format, algorithm, dialect', async () => {
    expect(await problems({ profile: 'ukob' })).toEqual(['profile: got "ukob", expected one of fapi2, uk-ob, stet']);
    expect(await problems({ logLevel: 'verbose' })).toEqual([
      'logLevel: got "verbose", expected one of fatal, error, warn, info, debug, trace, silent',
    ]);
    expect(
      await problems({
        profile: {
          name: 'stet',
          allowedAuthMethods: ['tls_client_auth', 'client_secret_jwt'],
          accessTokenFormat: 'paseto',
          accessTokenSigningAlg: 'RS256',
          reasonCodeDialect: 'berlin',
          assertionAudience: 'anyone',
          alwaysBindTokens: 'yes',
        },
      }),
    ).toEqual([
      'profile.allowedAuthMethods[1]: got "client_secret_jwt", expected one of tls_client_auth, self_signed_tls_client_auth, private_key_jwt, client_secret_basic, client_secret_post',
      'profile.accessTokenFormat: got "paseto", expected one of opaque, jwt',
      'profile.accessTokenSigningAlg: got "RS256", expected one of PS256, ES256',
      'profile.reasonCodeDialect: got "berlin", expected one of none, uk-ob, stet',
      'profile.assertionAudience: got "anyone", expected one of issuer, issuer-or-token-endpoint',
      'profile.alwaysBindTokens: got "yes", expected true or false',
    ]);
    expect(await problems({ profile: { allowedAuthMethods: [] } })).toEqual([
      'profile.allowedAuthMethods: got [], expected a non-empty list of distinct methods from tls_client_auth, self_signed_tls_client_auth, private_key_jwt, client_secret_basic, client_secret_post',
    ]);
  });

  it('lifetimes and limits: positive and bounded', async () => {
    expect(await problems({ profile: { lifetimes: { accessToken: 0, clientAssertionMaxAge: 7200 } } })).toEqual([
      'profile.lifetimes.accessToken: got 0, expected an integer 1–86400 seconds',
      'profile.lifetimes.clientAssertionMaxAge: got 7200, expected an integer 1–3600 seconds',
    ]);
    expect(await problems({ limits: { bodyBytes: 10, parameters: 0, parameterLength: 1e9 } })).toEqual([
      'limits.bodyBytes: got 10, expected an integer 1024–1048576 bytes',
      'limits.parameters: got 0, expected an integer 8–1000',
      'limits.parameterLength: got 1000000000, expected an integer 256–65536 characters',
    ]);
  });

  it('trusted proxies: IPs or CIDRs', async () => {
    expect(await problems({ trustedProxies: ['10.0.0.0/33', 'proxy.internal', '::1/129', '10.0.0.1/8/1'] })).toEqual([
      'trustedProxies[0]: got "10.0.0.0/33", expected an IP address or CIDR block such as 10.0.0.0/8',
      'trustedProxies[1]: got "proxy.internal", expected an IP address or CIDR block such as 10.0.0.0/8',
      'trustedProxies[2]: got "::1/129", expected an IP address or CIDR block such as 10.0.0.0/8',
      'trustedProxies[3]: got "10.0.0.1/8/1", expected an IP address or CIDR block such as 10.0.0.0/8',
    ]);
  });

  it('database: a PostgreSQL URL, password never shown', async () => {
    const issues = await problems({ database: { url: 'mysql://obas:s3cret@db/obas' } });
    expect(issues).toEqual(['database.url: got "mysql://***@db/obas", expected a postgres:// or postgresql:// URL']);
    const fromEnv = await problems({}, { DATABASE_URL: 'obas:s3cret@db' });
    expect(fromEnv.join()).not.toContain('s3cret');
    expect(fromEnv).toEqual(['DATABASE_URL: got "***@db", expected a postgres:// or postgresql:// URL']);
    expect(await problems({ database: { url: 5, sqliteFile: '' } })).toEqual([
      'database.url: got a number, expected a postgres:// or postgresql:// URL',
      'database.sqliteFile: got "", expected a file path',
    ]);
  });

  it('dataDir must not be a file', async () => {
    const dir = tempDir();
    writeText(dir, 'taken', 'x');
    expect(await problems({}, { OBAS_DATA_DIR: 'taken' }, {}, dir)).toEqual([
      `OBAS_DATA_DIR: got "taken", expected a directory (${dir}/taken is a file)`,
    ]);
  });
});

describe('files', () => {
  it('missing trust anchors and TLS files', async () => {
    const dir = tempDir();
    expect(await problems({ trustAnchors: ['ca/missing.pem'], mtls: { tls: { key: 'k.pem', cert: 'c.pem' } } }, {}, {}, dir)).toEqual([
      `mtls.tls.key: got "k.pem", expected a readable file (${dir}/k.pem cannot be read)`,
      `mtls.tls.cert: got "c.pem", expected a readable file (${dir}/c.pem cannot be read)`,
      `trustAnchors[0]: got "ca/missing.pem", expected a readable file (${dir}/ca/missing.pem cannot be read)`,
    ]);
  });

  it('key and certificate go together', async () => {
    expect(await problems({ frontChannel: { tls: { cert: 'c.pem' } } })).toEqual([
      'frontChannel.tls.key: got nothing, expected a file path (frontChannel.tls.key and frontChannel.tls.cert go together)',
    ]);
  });

  it('PEM contents are checked: certificates, key, and that they match', async () => {
    const dir = tempDir();
    const one = await selfSignedPem('one');
    const two = await selfSignedPem('two');
    writeText(dir, 'not-a-cert.pem', 'hello');
    writeText(dir, 'one.pem', one.cert);
    writeText(dir, 'one.key', one.key);
    writeText(dir, 'two.key', two.key);
    expect(
      await problems(
        {
          trustAnchors: ['not-a-cert.pem'],
          frontChannel: { tls: { key: 'not-a-cert.pem', cert: 'one.pem' } },
          mtls: { tls: { key: 'two.key', cert: 'one.pem' } },
        },
        {},
        {},
        dir,
      ),
    ).toEqual([
      'frontChannel.tls.key: got "not-a-cert.pem", expected a PEM private key file',
      'mtls.tls.key: got "two.key", expected the private key of the certificate in mtls.tls.cert',
      'trustAnchors[0]: got "not-a-cert.pem", expected a file of PEM certificates (BEGIN CERTIFICATE)',
    ]);
  });

  it('an unreadable or unparseable config file names --config or OBAS_CONFIG', async () => {
    const dir = tempDir();
    const fail = (options: Parameters<typeof loadConfig>[0]) => loadConfig(options).then(() => 'loaded', (e: Error) => e.message);
    expect(await fail({ configPath: 'nope.yaml', env: {}, cwd: dir })).toContain(`--config: got "${dir}/nope.yaml", expected a readable JSON or YAML file`);
    writeText(dir, 'bad.yaml', 'a: [1\n');
    expect(await fail({ env: { OBAS_CONFIG: 'bad.yaml' }, cwd: dir })).toMatch(/OBAS_CONFIG: got .*bad\.yaml with invalid YAML at line \d+, column \d+ \(.+\), expected valid YAML/);
    writeText(dir, 'dup.yaml', 'issuer: https://a.example\nissuer: https://b.example\n');
    expect(await fail({ configPath: 'dup.yaml', env: {}, cwd: dir })).toMatch(/invalid YAML .*unique/i);
    writeText(dir, 'bad.json', '{"issuer": ');
    expect(await fail({ configPath: 'bad.json', env: {}, cwd: dir })).toMatch(/--config: got .*bad\.json with invalid JSON \(.+\), expected valid JSON/);
    writeText(dir, 'list.yaml', '- a\n- b\n');
    expect(await fail({ configPath: 'list.yaml', env: {}, cwd: dir })).toContain(`--config: got list.yaml holding ["a","b"], expected an object of settings`);
  });
});

describe('env vars and flags are named in errors', () => {
  it('names the env var, also for list items', async () => {
    expect(
      await problems({}, { OBAS_MTLS_PORT: 'abc', OBAS_TRUSTED_PROXIES: '10.0.0.1,nope', OBAS_PROFILE: 'psd2', OBAS_TRUST_DEV_CA: 'yes' }),
    ).toEqual([
      'OBAS_MTLS_PORT: got "abc", expected an integer 0–65535',
      'OBAS_TRUST_DEV_CA: got "yes", expected true or false',
      'OBAS_TRUSTED_PROXIES[1]: got "nope", expected an IP address or CIDR block such as 10.0.0.0/8',
      'OBAS_PROFILE: got "psd2", expected one of fapi2, uk-ob, stet',
    ]);
    expect(await problems({}, { OBAS_ACCESS_TOKEN_LIFETIME: '-5' })).toEqual([
      'OBAS_ACCESS_TOKEN_LIFETIME: got -5, expected an integer 1–86400 seconds',
    ]);
  });

  it('names the flag', async () => {
    expect(await problems({}, { OBAS_FRONT_PORT: '1' }, { frontPort: '99999', issuer: 'http://x' })).toEqual([
      '--front-port: got 99999, expected an integer 0–65535',
      '--issuer: got "http://x", expected a canonical https URL without query, fragment, credentials or trailing slash',
    ]);
  });

  it('reports every problem at once', async () => {
    const issues = await problems({ logLevel: 1, mtls: { port: -1 } }, { OBAS_ISSUER: 'ftp://x' });
    expect(issues).toHaveLength(3);
  });
});

describe('static clients', () => {
  const mtlsClient = {
    client_id: 'tpp-1',
    token_endpoint_auth_method: 'tls_client_auth',
    tls_client_auth_subject_dn: 'CN=tpp',
    grant_types: ['client_credentials'],
  };

  it('prefix client metadata problems with clients[i]', async () => {
    const issues = await problems({
      clients: [mtlsClient, { ...mtlsClient, client_id: 'tpp-2', token_endpoint_auth_method: 'client_secret_basic' }],
    });
    expect(issues).toEqual([
      'clients[1].token_endpoint_auth_method: got "client_secret_basic", expected one of tls_client_auth, self_signed_tls_client_auth, private_key_jwt (client_secret_basic is not enabled; see profile.allowedAuthMethods)',
      'clients[1].tls_client_auth_subject_dn: got "CN=tpp", expected nothing unless token_endpoint_auth_method is tls_client_auth',
      'clients[1].client_secret_hash: got nothing, expected the output of `obas clients hash-secret`, scrypt$… (required for client_secret_* methods)',
    ]);
  });

  it('refuses a clear secret, unknown keys, bad hashes, stray hashes and duplicate client_ids', async () => {
    const profile = { name: 'fapi2', allowedAuthMethods: ['tls_client_auth', 'client_secret_post'] };
    const secretClient = { client_id: 'app', token_endpoint_auth_method: 'client_secret_post', grant_types: ['client_credentials'] };
    const issues = await problems({
      profile,
      clients: [
        { ...secretClient, client_secret: 'hunter2', client_secret_hash: 'plain' },
        { ...mtlsClient, scopes: 'accounts', client_secret_hash: SAMPLE_SECRET_HASH },
        { ...mtlsClient },
        'tpp-3',
      ],
    });
    expect(issues.join('\n')).not.toContain('hunter2');
    expect(issues.join('\n')).not.toContain('plain');
    expect(issues).toEqual([
      'clients[0].client_secret: got a clear secret, expected client_secret_hash (the output of `obas clients hash-secret`)',
      'clients[0].client_secret_hash: got "***", expected the output of `obas clients hash-secret`, scrypt$… (required for client_secret_* methods)',
      expect.stringMatching(/^clients\[1\]\.scopes: got an unknown key, expected scope \(or another of client_id, /),
      'clients[1].client_secret_hash: got a secret hash, expected nothing unless token_endpoint_auth_method is client_secret_basic or client_secret_post',
      'clients[3]: got "tpp-3", expected an object of RFC 7591 client metadata',
    ]);
    expect(await problems({ clients: [mtlsClient, mtlsClient] })).toEqual([
      'clients[1].client_id: got "tpp-1", expected a client_id not used by another client',
    ]);
  });

  it('validates clients against grant types the caller supports', async () => {
    const dir = tempDir();
    const file = writeText(dir, 'obas.json', JSON.stringify({ clients: [{ ...mtlsClient, grant_types: ['password'] }] }));
    await expect(loadConfig({ configPath: file, env: {}, cwd: dir })).rejects.toThrow(
      'clients[0].grant_types[0]: got "password", expected one of client_credentials, authorization_code, refresh_token',
    );
    const config = await loadConfig({ configPath: file, env: {}, cwd: dir, supportedGrantTypes: ['client_credentials', 'password'] });
    expect(config.clients[0]?.metadata.grant_types).toEqual(['password']);
  });
});
