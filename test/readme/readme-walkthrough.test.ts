import { mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port.js';
import { authorizeAsPsu, PsuHttpClient } from '../support/psu-http.js';
import { stopShimProcesses, writeCliShims } from './cli-shims.js';
import { readmeSteps, type ReadmeStep } from './readme-blocks.js';
import { ReadmeShell } from './readme-shell.js';

const ROOT = resolve(import.meta.dirname, '../..');
const STEPS = readmeSteps(readFileSync(join(ROOT, 'README.md'), 'utf8'));

/** This process's environment without DATABASE_URL or OBAS_*, so that the walkthroughs use their own SQLite. */
function cleanEnvironment(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'DATABASE_URL' && !name.startsWith('OBAS_')));
}

/** A directory like a fresh clone after `npm install`, for the walkthroughs' files: only node_modules, linked. */
function workingCopy(): string {
  const workDir = mkdtempSync(join(tmpdir(), 'obas-readme-'));
  symlinkSync(join(ROOT, 'node_modules'), join(workDir, 'node_modules'), 'dir');
  return workDir;
}

/** The browser step: alice authorizes at the URL in `step.open`; the address she lands on goes into `step.landed`. */
async function playBrowser(shell: ReadmeShell, workDir: string, step: Extract<ReadmeStep, { kind: 'browser' }>): Promise<void> {
  const url = await shell.variable(step.open);
  const psu = new PsuHttpClient(new URL(url).origin, readFileSync(join(workDir, '.obas/pki/dev-ca.pem'), 'utf8'));
  try {
    await shell.assign(step.landed, await authorizeAsPsu(psu, url));
  } finally {
    await psu.close();
  }
}

describe('the README walkthroughs, run in order in one bash', () => {
  const workDir = workingCopy();
  const scratch = mkdtempSync(join(tmpdir(), 'obas-readme-shell-'));
  let shell: ReadmeShell | undefined;

  afterAll(async () => {
    await shell?.close();
    stopShimProcesses(join(scratch, 'bin'));
  });

  it('has steps to run, and a browser step', () => {
    expect(STEPS.filter((step) => step.kind === 'run').length).toBeGreaterThan(8);
    expect(STEPS.some((step) => step.kind === 'browser')).toBe(true);
  });

  it('every block succeeds and prints what its marker expects', async () => {
    writeCliShims(join(scratch, 'bin'));
    const [front, mtls] = [await freePort(), await freePort()];
    const env = { ...cleanEnvironment(), PATH: `${join(scratch, 'bin')}${delimiter}${process.env['PATH'] ?? ''}` };
    shell = new ReadmeShell(workDir, scratch, { ...env, OBAS_FRONT_PORT: String(front), OBAS_MTLS_PORT: String(mtls) });
    for (const step of STEPS) {
      if (step.kind === 'browser') {
        await playBrowser(shell, workDir, step);
        continue;
      }
      const output = await shell.run(step.code, 45_000).catch((error: unknown) => {
        throw new Error(`README.md:${step.line}: ${error instanceof Error ? error.message : String(error)}\n(server log: ${workDir}/obas.log)`);
      });
      for (const text of step.expected) expect(output, `README.md:${step.line}`).toContain(text);
    }
  }, 120_000);
});
