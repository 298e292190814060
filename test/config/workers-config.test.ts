import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.ts';
import { selfSignedPem, tempDir, writeText } from './config-fixtures.ts';

describe('workers', () => {
  it('is one process in development, where the generated dev CA is trusted', async () => {
    expect((await loadConfig({ env: {}, cwd: tempDir() })).workers).toBe(1);
  });

  it('is one process per core once real trust anchors replace the dev CA', async () => {
    const cwd = tempDir();
    writeText(cwd, 'ca/root.pem', (await selfSignedPem('Test Root')).cert);
    const config = await loadConfig({ env: { OBAS_TRUST_ANCHORS: 'ca/root.pem' }, cwd });
    expect(config.trustDevCa).toBe(false);
    expect(config.workers).toBe(availableParallelism());
  });

  it('takes the file, OBAS_WORKERS and --workers, the flag winning', async () => {
    const cwd = tempDir();
    writeText(cwd, 'obas.yaml', 'workers: 3\n');
    expect((await loadConfig({ configPath: 'obas.yaml', env: {}, cwd })).workers).toBe(3);
    expect((await loadConfig({ configPath: 'obas.yaml', env: { OBAS_WORKERS: '4' }, cwd })).workers).toBe(4);
    expect((await loadConfig({ configPath: 'obas.yaml', env: { OBAS_WORKERS: '4' }, flags: { workers: '2' }, cwd })).workers).toBe(2);
  });

  it.each([['0'], ['257'], ['two']])('refuses %s, naming the flag', async (value) => {
    await expect(loadConfig({ env: {}, flags: { workers: value }, cwd: tempDir() })).rejects.toThrow(/--workers: got .*expected an integer 1–256/);
  });
});
