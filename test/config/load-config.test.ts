import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.ts';
import { PROFILES } from '../../src/config/profiles/profile-registry.ts';
import { RATE_LIMIT_PRESETS } from '../../src/config/rate-limit-presets.ts';
import { DEFAULT_SANDBOX_PSUS } from '../../src/config/sandbox-psus.defaults.ts';
import { SAMPLE_SECRET_HASH, selfSignedPem, tempDir, writeText } from './config-fixtures.ts';

describe('loadConfig without a file', () => {
  it('uses the documented defaults', async () => {
    const cwd = tempDir();
    const config = await loadConfig({ env: {}, cwd });
    expect(config).toEqual({
      issuer: 'https://localhost:8443',
      mtlsBaseUrl: 'https://localhost:8444',
      dataDir: join(cwd, '.obas'),
      frontChannel: { host: '127.0.0.1', port: 8443 },
      mtls: { host: '127.0.0.1', port: 8444 },
      trustAnchorFiles: [],
      trustDevCa: true,
      trustedProxies: [],
      sqliteFile: join(cwd, '.obas', 'obas.db'),
      database: { connectTimeoutMs: 1000, queryTimeoutMs: 1500, statementTimeoutMs: 1000, idleInTransactionTimeoutMs: 10_000, sqliteBusyTimeoutMs: 1000, sqliteCommitWindowMs: 1, retryAfterSeconds: 5, accessTokenCommit: 'asynchronous' },
      profile: PROFILES.fapi2,
      limits: { bodyBytes: 16_384, parameters: 64, parameterLength: 8_192 },
      clients: [],
      directory: { issuers: [], sandbox: true },
      sandbox: { psus: DEFAULT_SANDBOX_PSUS },
      psuLockout: { maxFailures: 5, lockSeconds: 60, backoffFactor: 2, maxLockSeconds: 3600, resetSeconds: 900 },
      logLevel: 'info',
      consents: { basePath: '/open-banking', retentionSeconds: 7_776_000, idempotencySeconds: 86_400 },
      resourceServers: [],
      metrics: { enabled: true, host: '127.0.0.1', port: 9464 },
      dpop: { requireNonce: false, nonceRotationSeconds: 60, proofLifetimeSeconds: 60 },
      housekeeping: { intervalSeconds: 300, retentionSeconds: 86_400 },
      workers: 1,
      outbound: { allow: ['127.0.0.0/8', '::1'], timeoutMs: 3000, maxBytes: 65_536 },
      rateLimits: { enabled: true, preset: 'development', store: { kind: 'memory' }, groups: RATE_LIMIT_PRESETS.development },
      connections: { handshakeTimeoutMs: 5_000, headersTimeoutMs: 10_000, maxPerAddress: 256, maxTotal: 10_000 },
    });
  });

  it('derives issuer and mTLS base URL from overridden ports', async () => {
    const config = await loadConfig({ env: { OBAS_FRONT_PORT: '9443', OBAS_MTLS_PORT: '0' }, cwd: tempDir() });
    expect(config.issuer).toBe('https://localhost:9443');
    expect(config.mtlsBaseUrl).toBe('https://localhost:0');
    expect(config.mtls.port).toBe(0);
  });

  it('derives the mTLS base URL from an issuer with a path', async () => {
    const config = await loadConfig({ env: { OBAS_ISSUER: 'https://as.bank.example/oauth' }, cwd: tempDir() });
    expect(config.mtlsBaseUrl).toBe('https://as.bank.example:8444/oauth');
  });
});

const YAML_CONFIG = `
# a UK sandbox
issuer: https://as.bank.example
dataDir: state
frontChannel: { host: 0.0.0.0, port: 443 }
mtls:
  host: "::"
  port: 8444
  baseUrl: https://mtls.bank.example
trustedProxies: [10.0.0.0/8, "fd00::/8", 192.168.1.10]
database: { url: "postgres://obas@db.internal/obas" }
profile:
  name: uk-ob
  accessTokenFormat: jwt
  lifetimes: { accessToken: 600 }
limits: { bodyBytes: 32768 }
logLevel: warn
clients:
  - client_id: tpp-mtls
    token_endpoint_auth_method: tls_client_auth
    tls_client_auth_subject_dn: "CN=tpp,O=Example TPP,C=GB"
    grant_types: [client_credentials]
    scope: accounts payments
`;

describe('loadConfig with a file', () => {
  it('reads YAML', async () => {
    const dir = tempDir();
    const file = writeText(dir, 'obas.yaml', YAML_CONFIG);
    const config = await loadConfig({ configPath: file, env: {}, cwd: dir });
    expect(config.issuer).toBe('https://as.bank.example');
    expect(config.mtlsBaseUrl).toBe('https://mtls.bank.example');
    expect(config.frontChannel).toEqual({ host: '0.0.0.0', port: 443 });
    expect(config.mtls).toEqual({ host: '::', port: 8444 });
    expect(config.trustedProxies).toEqual(['10.0.0.0/8', 'fd00::/8', '192.168.1.10']);
    expect(config.databaseUrl).toBe('postgres://obas@db.internal/obas');
    expect(config.profile).toEqual({ ...PROFILES['uk-ob'], accessTokenFormat: 'jwt', lifetimes: { ...PROFILES['uk-ob'].lifetimes, accessToken: 600 } });
    expect(config.limits).toEqual({ bodyBytes: 32_768, parameters: 64, parameterLength: 8_192 });
    expect(config.logLevel).toBe('warn');
    expect(config.clients).toEqual([
      {
        metadata: {
          client_id: 'tpp-mtls',
          token_endpoint_auth_method: 'tls_client_auth',
          tls_client_auth_subject_dn: 'CN=tpp,O=Example TPP,C=GB',
          grant_types: ['client_credentials'],
          scope: 'accounts payments',
          tls_client_certificate_bound_access_tokens: true,
        },
      },
    ]);
  });

  it('reads JSON by extension and by sniffing, and the profile shorthand', async () => {
    const dir = tempDir();
    const json = JSON.stringify({ profile: 'stet', logLevel: 'debug' });
    for (const name of ['obas.json', 'obas.conf']) {
      const config = await loadConfig({ configPath: writeText(dir, name, json), env: {}, cwd: dir });
      expect(config.profile).toEqual(PROFILES.stet);
      expect(config.logLevel).toBe('debug');
    }
  });

  it('takes the file from OBAS_CONFIG, relative to cwd', async () => {
    const dir = tempDir();
    writeText(dir, 'conf/obas.yml', 'profile: uk-ob\n');
    const config = await loadConfig({ env: { OBAS_CONFIG: 'conf/obas.yml' }, cwd: dir });
    expect(config.profile.name).toBe('uk-ob');
  });

  it('treats an empty YAML file as no settings', async () => {
    const dir = tempDir();
    const config = await loadConfig({ configPath: writeText(dir, 'empty.yaml', '# nothing yet\n'), env: {}, cwd: dir });
    expect(config.profile.name).toBe('fapi2');
  });

  it('accepts a hashed secret for an enabled client_secret_basic client', async () => {
    const dir = tempDir();
    const yaml = `
profile: { name: fapi2, allowedAuthMethods: [tls_client_auth, client_secret_basic] }
clients:
  - client_id: sandbox-app
    token_endpoint_auth_method: client_secret_basic
    client_secret_hash: "${SAMPLE_SECRET_HASH}"
    grant_types: [client_credentials]
`;
    const config = await loadConfig({ configPath: writeText(dir, 'obas.yaml', yaml), env: {}, cwd: dir });
    expect(config.clients[0]?.clientSecretHash).toBe(SAMPLE_SECRET_HASH);
    expect(config.clients[0]?.metadata).not.toHaveProperty('client_secret_hash');
  });
});

describe('paths', () => {
  it('resolves file paths against the file directory, env paths and dataDir against cwd', async () => {
    const cwd = tempDir();
    const confDir = join(cwd, 'etc');
    const { cert, key } = await selfSignedPem('localhost');
    const anchor = await selfSignedPem('Test CA');
    writeText(confDir, 'tls/front.pem', cert);
    writeText(confDir, 'tls/front.key', key);
    writeText(confDir, 'ca/root.pem', anchor.cert);
    writeText(cwd, 'env-ca.pem', anchor.cert);
    const yaml = `
dataDir: data
frontChannel: { tls: { key: tls/front.key, cert: tls/front.pem } }
trustAnchors: [ca/root.pem]
database: { sqliteFile: db/obas.sqlite }
`;
    const file = writeText(confDir, 'obas.yaml', yaml);
    const config = await loadConfig({ configPath: file, env: {}, cwd });
    expect(config.frontChannel.tlsKeyFile).toBe(join(confDir, 'tls/front.key'));
    expect(config.frontChannel.tlsCertFile).toBe(join(confDir, 'tls/front.pem'));
    expect(config.trustAnchorFiles).toEqual([join(confDir, 'ca/root.pem')]);
    expect(config.trustDevCa).toBe(false);
    expect(config.sqliteFile).toBe(join(confDir, 'db/obas.sqlite'));
    expect(config.dataDir).toBe(join(cwd, 'data'));

    const fromEnv = await loadConfig({ configPath: file, env: { OBAS_TRUST_ANCHORS: 'env-ca.pem, ' }, cwd });
    expect(fromEnv.trustAnchorFiles).toEqual([join(cwd, 'env-ca.pem')]);
  });

  it('keeps trustDevCa when set explicitly next to trust anchors', async () => {
    const cwd = tempDir();
    writeText(cwd, 'ca.pem', (await selfSignedPem('CA')).cert);
    const config = await loadConfig({ env: { OBAS_TRUST_ANCHORS: 'ca.pem', OBAS_TRUST_DEV_CA: 'true' }, cwd });
    expect(config.trustDevCa).toBe(true);
  });
});

describe('overrides', () => {
  it('lets env vars override the file, and flags override env vars', async () => {
    const dir = tempDir();
    const file = writeText(dir, 'obas.yaml', 'issuer: https://file.example\nprofile: stet\nlogLevel: warn\nmtls: { port: 1 }\n');
    const env = {
      OBAS_ISSUER: 'https://env.example',
      OBAS_PROFILE: 'uk-ob',
      OBAS_LOG_LEVEL: 'error',
      OBAS_MTLS_PORT: '2',
      OBAS_MTLS_BASE_URL: 'https://mtls.env.example',
      OBAS_FRONT_HOST: '0.0.0.0',
      OBAS_DATA_DIR: 'envdata',
      OBAS_ACCESS_TOKEN_FORMAT: 'jwt',
      OBAS_ACCESS_TOKEN_LIFETIME: '120',
      OBAS_AUTH_METHODS: 'private_key_jwt,tls_client_auth',
      OBAS_TRUSTED_PROXIES: '127.0.0.1,::1',
      OBAS_LOG_LEVEL_UNRELATED: 'ignored',
    };
    const config = await loadConfig({ configPath: file, env, cwd: dir });
    expect(config.issuer).toBe('https://env.example');
    expect(config.profile.name).toBe('uk-ob');
    expect(config.profile.reasonCodeDialect).toBe('uk-ob');
    expect(config.profile.accessTokenFormat).toBe('jwt');
    expect(config.profile.lifetimes.accessToken).toBe(120);
    expect(config.profile.allowedAuthMethods).toEqual(['private_key_jwt', 'tls_client_auth']);
    expect(config.logLevel).toBe('error');
    expect(config.mtls.port).toBe(2);
    expect(config.mtlsBaseUrl).toBe('https://mtls.env.example');
    expect(config.frontChannel.host).toBe('0.0.0.0');
    expect(config.dataDir).toBe(join(dir, 'envdata'));
    expect(config.trustedProxies).toEqual(['127.0.0.1', '::1']);

    const flagged = await loadConfig({ configPath: file, env, cwd: dir, flags: { logLevel: 'trace', mtlsPort: '3', profile: 'fapi2' } });
    expect(flagged.logLevel).toBe('trace');
    expect(flagged.mtls.port).toBe(3);
    expect(flagged.profile.name).toBe('fapi2');
  });

  it('lets DATABASE_URL win over database.url', async () => {
    const dir = tempDir();
    const file = writeText(dir, 'obas.json', JSON.stringify({ database: { url: 'postgres://file@h/a' } }));
    const config = await loadConfig({ configPath: file, env: { DATABASE_URL: 'postgresql://env@h/b' }, cwd: dir });
    expect(config.databaseUrl).toBe('postgresql://env@h/b');
  });

  it('treats empty env values as unset', async () => {
    const config = await loadConfig({ env: { OBAS_PROFILE: '', DATABASE_URL: '', OBAS_CONFIG: '' }, cwd: tempDir() });
    expect(config.profile.name).toBe('fapi2');
    expect(config).not.toHaveProperty('databaseUrl');
  });
});

describe('profiles', () => {
  it('have the documented knobs', () => {
    const knobs = Object.values(PROFILES).map((p) => [
      p.name,
      p.allowedAuthMethods.join(' '),
      p.accessTokenFormat,
      p.accessTokenSigningAlg,
      p.reasonCodeDialect,
      p.assertionAudience,
      p.alwaysBindTokens,
      p.lifetimes.accessToken,
      p.lifetimes.clientAssertionMaxAge,
      p.messageSigning,
    ]);
    expect(knobs).toEqual([
      ['fapi2', 'tls_client_auth self_signed_tls_client_auth private_key_jwt', 'opaque', 'PS256', 'none', 'issuer', true, 300, 300, false],
      ['uk-ob', 'tls_client_auth private_key_jwt', 'opaque', 'PS256', 'uk-ob', 'issuer-or-token-endpoint', true, 3600, 300, true],
      ['stet', 'tls_client_auth private_key_jwt', 'opaque', 'PS256', 'stet', 'issuer-or-token-endpoint', true, 3600, 300, false],
    ]);
  });
});
