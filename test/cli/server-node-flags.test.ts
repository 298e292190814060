import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { missingServerNodeFlags, SERVER_NODE_FLAGS } from '../../src/cli/server-node-flags.js';

const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string>; bin: Record<string, string> };

describe("obas's recommended Node flags", () => {
  it('are passed by npm start and by the obas command (shebang), so that neither drifts from the list', () => {
    expect(packageJson.scripts['start']).toBe(`exec node ${SERVER_NODE_FLAGS.join(' ')} dist/src/cli/main.js start`);
    const shebang = readFileSync(new URL('../../src/cli/main.ts', import.meta.url), 'utf8').split('\n')[0];
    expect(shebang).toBe(`#!/usr/bin/env -S node ${SERVER_NODE_FLAGS.join(' ')}`);
    expect(packageJson.bin['obas']).toBe('dist/src/cli/main.js');
  });

  it('are found missing by name, whatever value was given', () => {
    expect(missingServerNodeFlags([])).toStrictEqual([...SERVER_NODE_FLAGS]);
    expect(missingServerNodeFlags(['--max-semi-space-size=32', '--enable-source-maps'])).toStrictEqual([]);
    expect(missingServerNodeFlags(['--max-old-space-size=512'])).toStrictEqual(['--max-semi-space-size=64']);
  });
});
