import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI } from '../support/obas-process.js';

/** How an obas process ended. */
export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** When it ended (`performance.now()`). */
  readonly at: number;
}

/** An obas process whose JSON log lines (at level info) the test reads. */
export interface LoggedObas {
  readonly child: ChildProcess;
  /** Every JSON line it wrote to stdout, parsed. */
  readonly logLines: Record<string, unknown>[];
  readonly exited: Promise<Exit>;
}

/**
 * Runs `obas start --config <file> --log-level info` from the built CLI (flags win over the `OBAS_LOG_LEVEL` that
 * `spawnObas` sets, so this one logs at info, the level of the `shutdown` line) until it says it is running.
 */
export async function startLoggedObas(dataDir: string, config: Record<string, unknown>): Promise<LoggedObas> {
  const file = join(dataDir, 'logged.json');
  writeFileSync(file, JSON.stringify(config));
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env['DATABASE_URL'];
  const child = spawn(process.execPath, [CLI, 'start', '--config', file, '--log-level', 'info'], { env });
  const logLines: Record<string, unknown>[] = [];
  let text = '';
  let pending = '';
  child.stdout.on('data', (chunk: Buffer) => {
    text += chunk.toString();
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) if (line.startsWith('{')) logLines.push(JSON.parse(line) as Record<string, unknown>);
  });
  child.stderr.on('data', (chunk: Buffer) => void (text += chunk.toString()));
  const exited = new Promise<Exit>((ended) => child.once('exit', (code, signal) => ended({ code, signal, at: performance.now() })));
  const started = performance.now();
  while (!text.includes('obas is running')) {
    if (child.exitCode !== null || performance.now() - started > 30_000) throw new Error(`obas did not start:\n${text}`);
    await new Promise((pause) => setTimeout(pause, 50));
  }
  return { child, logLines, exited };
}
