import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI } from '../support/obas-process.js';

/** Where the `npm start` shim notes the process id of each server it became. */
const PID_FILE = 'pids';

/** A script that runs the built CLI for `<tool> <word> …` and refuses anything else. */
function shim(tool: string, word: string, cliArgs: string, pidFile: string | undefined): string {
  return [
    '#!/usr/bin/env bash',
    `if [ "\${1:-}" = ${word} ]; then`,
    `  shift; [ "\${1:-}" = -- ] && shift; ${pidFile === undefined ? '' : `echo $$ >> "${pidFile}"`}`,
    `  exec "${process.execPath}" "${CLI}" ${cliArgs} "$@"`,
    'fi',
    `echo "readme test: only '${tool} ${word}' is available here, not '${tool} $*'" >&2`,
    'exit 127',
    '',
  ].join('\n');
}

/**
 * Writes `npx` (`npx obas …` runs the built CLI) and `npm` (`npm start` runs `obas start` from the built CLI, without
 * building again) into `dir`, to be put first on PATH. `exec` keeps the server the shell's job, so `kill %1` stops it.
 */
export function writeCliShims(dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const [tool, word, cliArgs, server] of [
    ['npx', 'obas', '', false],
    ['npm', 'start', 'start', true],
  ] as const) {
    writeFileSync(join(dir, tool), shim(tool, word, cliArgs, server ? join(dir, PID_FILE) : undefined));
    chmodSync(join(dir, tool), 0o755);
  }
}

/** Stops what the shims of `dir` started and may outlive the shell (a server left when a README step failed). */
export function stopShimProcesses(dir: string): void {
  const file = join(dir, PID_FILE);
  if (!existsSync(file)) return;
  for (const pid of readFileSync(file, 'utf8').split('\n').filter((line) => line !== '').map(Number)) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      // already ended
    }
  }
}
