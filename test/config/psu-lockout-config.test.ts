import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error.js';
import { loadConfig } from '../../src/config/load-config.ts';
import { tempDir, writeText } from './config-fixtures.ts';

const load = (settings: unknown) => {
  const dir = tempDir();
  return loadConfig({ configPath: writeText(dir, 'obas.json', JSON.stringify(settings)), env: {}, cwd: dir });
};

const problems = async (psuLockout: unknown): Promise<string> => {
  const error = await load({ psuLockout }).catch((thrown: unknown) => thrown);
  expect(error).toBeInstanceOf(ConfigError);
  return (error as ConfigError).message;
};

describe('the psuLockout section', () => {
  it('defaults to five failures, a minute doubling up to an hour, forgotten after a quarter of an hour', async () => {
    expect((await load({})).psuLockout).toStrictEqual({ maxFailures: 5, lockSeconds: 60, backoffFactor: 2, maxLockSeconds: 3600, resetSeconds: 900 });
  });

  it('takes every knob, and lets the longest lock default to a longer first lock', async () => {
    const custom = { maxFailures: 3, lockSeconds: 1, backoffFactor: 1, maxLockSeconds: 1, resetSeconds: 2 };
    expect((await load({ psuLockout: custom })).psuLockout).toStrictEqual(custom);
    expect((await load({ psuLockout: { lockSeconds: 7200 } })).psuLockout.maxLockSeconds).toBe(7200);
  });

  it('names every wrong value and unknown key', async () => {
    const text = await problems({ maxFailures: 0, lockSeconds: 1.5, backoffFactor: 11, maxLockSeconds: '1h', resetSeconds: -1, lockMinutes: 1 });
    for (const key of ['maxFailures', 'lockSeconds', 'backoffFactor', 'maxLockSeconds', 'resetSeconds', 'lockMinutes']) expect(text).toContain(`psuLockout.${key}`);
    expect(await problems({ lockSeconds: 600, maxLockSeconds: 60 })).toContain('psuLockout.maxLockSeconds: got 60, expected at least lockSeconds (600)');
    expect(await problems('strict')).toContain('psuLockout');
  });
});
