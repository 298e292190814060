import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Single-quotes `value` for bash. */
const quoted = (value: string): string => `'${value.replaceAll("'", `'\\''`)}'`;

/**
 * One bash, kept open across README blocks like a person's terminal: variables, functions and background jobs carry
 * over. `set -eEuo pipefail`, so the first failing command ends it (and is named) and fails the step that ran it.
 */
export class ReadmeShell {
  readonly #bash: ChildProcessWithoutNullStreams;
  readonly #scriptDir: string;
  #output = '';
  #exit: string | undefined;
  #waiters = new Set<() => void>();
  #count = 0;

  /** Starts bash in `workDir` with `env`; block files are written to `scriptDir` (outside the working directory). */
  constructor(workDir: string, scriptDir: string, env: NodeJS.ProcessEnv) {
    this.#scriptDir = scriptDir;
    this.#bash = spawn('bash', ['--noprofile', '--norc'], { cwd: workDir, env });
    const collect = (chunk: Buffer) => {
      this.#output += chunk.toString();
      this.#notify();
    };
    this.#bash.stdout.on('data', collect);
    this.#bash.stderr.on('data', collect);
    this.#bash.once('exit', (code, signal) => {
      this.#exit = `bash exited with ${code ?? signal}`;
      this.#notify();
    });
    this.#bash.stdin.write(`set -eEuo pipefail\ntrap 'echo "readme test: exit $? from: $BASH_COMMAND" >&2' ERR\n`);
  }

  /** Runs `code` as a sourced script (stdin from /dev/null); resolves its output, rejects with it when a command fails. */
  async run(code: string, timeoutMs: number): Promise<string> {
    this.#count += 1;
    const file = join(this.#scriptDir, `block-${this.#count}.sh`);
    writeFileSync(file, `${code}\n`);
    return this.#send(`source ${quoted(file)} < /dev/null`, timeoutMs);
  }

  /** The value of a shell variable. */
  async variable(name: string): Promise<string> {
    return (await this.#send(`printf '%s' "\${${name}}"`, 5_000)).trimEnd();
  }

  /** Sets a shell variable. */
  async assign(name: string, value: string): Promise<void> {
    await this.#send(`${name}=${quoted(value)}`, 5_000);
  }

  /** Stops the background jobs (README servers), then bash. */
  async close(): Promise<void> {
    if (this.#exit === undefined) {
      this.#bash.stdin.end('kill $(jobs -p) 2>/dev/null || true; wait; exit 0\n');
      await this.#until(() => this.#exit !== undefined, 10_000).catch(() => this.#bash.kill('SIGKILL'));
    }
  }

  /** Sends one command line followed by a marker; resolves what was printed before the marker. */
  async #send(command: string, timeoutMs: number): Promise<string> {
    const start = this.#output.length;
    const marker = `@@readme-done-${this.#count}-${start}@@`;
    this.#bash.stdin.write(`${command}\nprintf '\\n%s\\n' ${marker}\n`);
    const done = () => this.#output.indexOf(`\n${marker}\n`, start);
    try {
      await this.#until(() => done() >= 0 || this.#exit !== undefined, timeoutMs);
    } catch {
      throw new Error(`no end after ${timeoutMs} ms; output:\n${this.#output.slice(start)}`);
    }
    if (done() < 0) throw new Error(`${this.#exit ?? 'failed'}; output:\n${this.#output.slice(start)}`);
    return this.#output.slice(start, done());
  }

  #until(condition: () => boolean, timeoutMs: number): Promise<void> {
    if (condition()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!condition()) return;
        clearTimeout(timer);
        this.#waiters.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(check);
        reject(new Error('timeout'));
      }, timeoutMs);
      this.#waiters.add(check);
    });
  }

  #notify(): void {
    for (const waiter of [...this.#waiters]) waiter();
  }
}
