import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error.js';
import { CONNECTIONS_DEFAULTS } from '../../src/config/connections.section.ts';
import { loadConfig } from '../../src/config/load-config.ts';
import { RATE_LIMIT_PRESETS } from '../../src/config/rate-limit-presets.ts';
import { tempDir, writeText } from './config-fixtures.ts';

const load = (settings: unknown, env: Record<string, string> = {}) => {
  const dir = tempDir();
  return loadConfig({ configPath: writeText(dir, 'obas.json', JSON.stringify(settings)), env, cwd: dir });
};

const problems = async (settings: unknown, env: Record<string, string> = {}): Promise<string> => {
  const error = await load(settings, env).catch((thrown: unknown) => thrown);
  expect(error).toBeInstanceOf(ConfigError);
  return (error as ConfigError).message;
};

describe('the rateLimits section', () => {
  it('defaults to the development preset in process memory', async () => {
    const { rateLimits } = await load({});
    expect(rateLimits).toEqual({ enabled: true, preset: 'development', store: { kind: 'memory' }, groups: RATE_LIMIT_PRESETS.development });
  });

  it('starts from the named preset, replaces or removes single buckets, and keeps the others', async () => {
    const { rateLimits } = await load({
      rateLimits: {
        preset: 'production',
        groups: { token: { perClient: { ratePerSecond: 0.5, burst: 3 } }, introspection: { perAddress: false }, 'psu-login': { perAddress: { ratePerSecond: 1, burst: 5 } } },
      },
    });
    const production = RATE_LIMIT_PRESETS.production;
    expect(rateLimits.groups.token).toEqual({ perClient: { ratePerSecond: 0.5, burst: 3 }, perAddress: production.token.perAddress });
    expect(rateLimits.groups.introspection).toEqual({ perClient: production.introspection.perClient });
    expect(rateLimits.groups['psu-login']).toEqual({ perAddress: { ratePerSecond: 1, burst: 5 } });
    expect(rateLimits.groups.par).toEqual(production.par);
  });

  it('takes a Redis store with its prefix and timeout, from the file or OBAS_RATE_LIMITS_STORE, and a switch from OBAS_RATE_LIMITS_ENABLED', async () => {
    const fromFile = await load({ rateLimits: { store: 'rediss://:secret@redis.internal:6380/2', keyPrefix: 'bank:rl:', redisTimeoutMs: 50 } });
    expect(fromFile.rateLimits.store).toEqual({ kind: 'redis', url: 'rediss://:secret@redis.internal:6380/2', keyPrefix: 'bank:rl:', timeoutMs: 50 });
    const fromEnv = await load({}, { OBAS_RATE_LIMITS_STORE: 'redis://127.0.0.1:6379', OBAS_RATE_LIMITS_ENABLED: 'false', OBAS_RATE_LIMITS_PRESET: 'production' });
    expect(fromEnv.rateLimits).toMatchObject({ enabled: false, preset: 'production', store: { kind: 'redis', url: 'redis://127.0.0.1:6379', keyPrefix: 'obas:rl:', timeoutMs: 100 } });
  });

  it('names every wrong value and unknown key, and never echoes a Redis password', async () => {
    const text = await problems({
      rateLimits: {
        enabled: 'yes',
        preset: 'prod',
        store: 'http://user:hunter2@redis.internal',
        keyPrefix: 'has spaces',
        redisTimeoutMs: 0,
        groups: {
          token: { perClient: { ratePerSecond: 0, burst: 1.5 }, perUser: false },
          'psu-login': { perClient: { ratePerSecond: 1, burst: 1 } },
          tokens: {},
          par: { perAddress: 'off' },
        },
        burst: 3,
      },
    });
    for (const key of [
      'rateLimits.enabled',
      'rateLimits.preset',
      'rateLimits.store',
      'rateLimits.keyPrefix',
      'rateLimits.redisTimeoutMs',
      'rateLimits.groups.token.perClient.ratePerSecond',
      'rateLimits.groups.token.perClient.burst',
      'rateLimits.groups.token.perUser',
      'rateLimits.groups.psu-login.perClient',
      'rateLimits.groups.tokens',
      'rateLimits.groups.par.perAddress',
      'rateLimits.burst',
    ]) {
      expect(text).toContain(`${key}:`);
    }
    expect(text).not.toContain('hunter2');
    expect(await problems({}, { OBAS_RATE_LIMITS_STORE: 'redis:/nope' })).toContain('OBAS_RATE_LIMITS_STORE:');
  });
});

describe('the connections section', () => {
  it('has defaults, and takes every bound', async () => {
    expect((await load({})).connections).toEqual(CONNECTIONS_DEFAULTS);
    const connections = { handshakeTimeoutMs: 2_000, headersTimeoutMs: 3_000, maxPerAddress: 32, maxTotal: 500 };
    expect((await load({ connections })).connections).toEqual(connections);
  });

  it('refuses values out of bounds and unknown keys', async () => {
    const text = await problems({ connections: { handshakeTimeoutMs: 0, headersTimeoutMs: 60_000, maxPerAddress: 0, maxTotal: 'many', idle: 5 } });
    for (const key of ['handshakeTimeoutMs', 'headersTimeoutMs', 'maxPerAddress', 'maxTotal', 'idle']) expect(text).toContain(`connections.${key}:`);
  });
});
