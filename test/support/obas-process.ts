import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The built CLI (`npm run build`). */
export const CLI = resolve(import.meta.dirname, '../../dist/src/cli/main.js');

/** An obas started as a separate operating-system process from the built CLI (`npm test` builds it first). */
export interface ObasProcess {
  readonly child: ChildProcess;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Writes `config` to a file in `dataDir` and runs `obas start --config <file>` until it reports it is running. `env` is
 * the child's environment (default: this process's), plus `OBAS_LOG_LEVEL=warn` and without `DATABASE_URL`, so
 * that the database is the one the configuration names.
 */
export async function spawnObas(
  dataDir: string,
  name: string,
  config: Record<string, unknown>,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ObasProcess> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" (npm test does it first)`);
  const file = join(dataDir, `${name}.json`);
  writeFileSync(file, JSON.stringify({ metrics: { enabled: false }, ...config }));
  const childEnv: NodeJS.ProcessEnv = { ...env, OBAS_LOG_LEVEL: 'warn' };
  delete childEnv['DATABASE_URL'];
  const child = spawn(process.execPath, [CLI, 'start', '--config', file], { env: childEnv });
  let output = '';
  await new Promise<void>((ready, fail) => {
    const timer = setTimeout(() => fail(new Error(`${name} did not start:\n${output}`)), 30_000);
    const watch = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('obas is running')) {
        clearTimeout(timer);
        ready();
      }
    };
    child.stdout.on('data', watch);
    child.stderr.on('data', watch);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`${name} exited with ${code}:\n${output}`));
    });
  });
  return {
    child,
    output: () => output,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}
