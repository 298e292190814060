import { describe, expect, it } from 'vitest';
import { keysCommand } from '../../src/cli/keys.command.js';
import { listKeys } from '../../src/tokens/key-lifecycle.js';
import { openKeyStore } from '../../src/tokens/key-store.js';
import { useTempDataDirs } from './temp-data-dir.js';

const newDataDir = useTempDataDirs();

async function run(dataDir: string, ...args: string[]): Promise<string[]> {
  const lines: string[] = [];
  const command = keysCommand(async () => ({ dataDir, retiredKeyPublishSeconds: 7200 }), (line) => lines.push(line));
  command.exitOverride();
  await command.parseAsync(args, { from: 'user' });
  return lines;
}

describe('obas keys', () => {
  it('lists nothing in a fresh data directory', async () => {
    const lines = await run(await newDataDir(), 'list');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('no signing keys');
  });

  it('lists kid, alg, created, retired and published-until of each key', async () => {
    const dataDir = await newDataDir();
    const store = await openKeyStore({ dataDir, retiredKeyPublishSeconds: 7200 });
    store.close();
    const lines = await run(dataDir, 'list');
    expect(lines[0]?.split(/\s+/)).toEqual(['kid', 'alg', 'created', 'retired', 'published-until']);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(store.activeKey('PS256').kid);
    expect(lines[1]).toMatch(/PS256\s+\d{4}-\d\d-\d\dT.*Z\s+-\s+active$/);
    expect(lines[2]).toContain(store.activeKey('ES256').kid);
  });

  it('rotates and says until when the old keys stay published', async () => {
    const dataDir = await newDataDir();
    const store = await openKeyStore({ dataDir, retiredKeyPublishSeconds: 7200 });
    store.close();
    const before = Date.now();
    const lines = await run(dataDir, 'rotate');
    const keys = await listKeys(dataDir);
    const active = keys.filter((key) => key.retiredAt === undefined);
    expect(active.map((key) => key.generation)).toEqual([2, 2]);
    for (const key of active) expect(lines).toContain(`new ${key.alg} key ${key.kid}`);
    const retiredLine = lines.find((line) => line.startsWith(`retired PS256 key ${store.activeKey('PS256').kid}`));
    const until = Date.parse(retiredLine?.split('published until ')[1] ?? '');
    expect(until - before).toBeGreaterThanOrEqual(7200 * 1000);
    expect(until - before).toBeLessThan(7200 * 1000 + 60_000);

    const listed = await run(dataDir, 'list');
    expect(listed).toHaveLength(5);
    expect(listed.filter((line) => line.endsWith('active'))).toHaveLength(2);
  });
});
