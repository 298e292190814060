import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error.js';
import { loadConfig } from '../../src/config/load-config.ts';
import { tempDir, writeText } from '../config/config-fixtures.ts';

const load = (settings: unknown) => {
  const dir = tempDir();
  return loadConfig({ configPath: writeText(dir, 'obas.json', JSON.stringify(settings)), env: {}, cwd: dir });
};

describe('the metrics section', () => {
  it('takes a host, a port and an off switch', async () => {
    expect((await load({ metrics: { host: '0.0.0.0', port: 0, enabled: false } })).metrics).toEqual({ host: '0.0.0.0', port: 0, enabled: false });
  });

  it('names every wrong value and unknown key', async () => {
    const error = await load({ metrics: { host: 'not a host', port: 70_000, enabled: 'yes', path: '/m' } }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ConfigError);
    const text = String((error as ConfigError).message);
    for (const key of ['metrics.host', 'metrics.port', 'metrics.enabled', 'metrics.path']) expect(text).toContain(key);
  });
});
