import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error.js';
import { loadConfig } from '../../src/config/load-config.ts';
import { tempDir, writeText } from './config-fixtures.ts';

const load = (settings: unknown) => {
  const dir = tempDir();
  return loadConfig({ configPath: writeText(dir, 'obas.json', JSON.stringify(settings)), env: {}, cwd: dir });
};

const problemsOf = async (settings: unknown): Promise<string> => {
  const error = await load(settings).catch((thrown: unknown) => thrown);
  expect(error).toBeInstanceOf(ConfigError);
  return (error as ConfigError).message;
};

describe('the housekeeping section', () => {
  it('defaults to a sweep every 5 minutes keeping expired rows a day', async () => {
    expect((await load({})).housekeeping).toEqual({ intervalSeconds: 300, retentionSeconds: 86_400 });
  });

  it('reads both keys, retention down to 0 and the interval down to 1 second', async () => {
    expect((await load({ housekeeping: { intervalSeconds: 1, retentionSeconds: 0 } })).housekeeping).toEqual({ intervalSeconds: 1, retentionSeconds: 0 });
    expect((await load({ housekeeping: { retentionSeconds: 60 } })).housekeeping).toEqual({ intervalSeconds: 300, retentionSeconds: 60 });
  });

  it('names each bad value and refuses unknown keys', async () => {
    const message = await problemsOf({ housekeeping: { intervalSeconds: 0, retentionSeconds: -1, batch: 10 } });
    for (const key of ['housekeeping.intervalSeconds', 'housekeeping.retentionSeconds', 'housekeeping.batch']) expect(message).toContain(key);
  });

  it('refuses fractions, strings, too large values and a non-object section', async () => {
    expect(await problemsOf({ housekeeping: { intervalSeconds: 1.5 } })).toContain('housekeeping.intervalSeconds');
    expect(await problemsOf({ housekeeping: { retentionSeconds: '60' } })).toContain('housekeeping.retentionSeconds');
    expect(await problemsOf({ housekeeping: { intervalSeconds: 86_401 } })).toContain('housekeeping.intervalSeconds');
    expect(await problemsOf({ housekeeping: { retentionSeconds: 31_536_001 } })).toContain('housekeeping.retentionSeconds');
    expect(await problemsOf({ housekeeping: 300 })).toContain('housekeeping');
  });
});
