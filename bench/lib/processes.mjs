import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { SERVER_NODE_FLAGS as OBAS_NODE_FLAGS } from '../../dist/src/cli/server-node-flags.js';

/** Core the server under test runs on, and core the load generator runs on (`taskset -c`). */
export const SERVER_CORE = process.env.BENCH_SERVER_CORE ?? '0';
export const LOAD_CORE = process.env.BENCH_LOAD_CORE ?? '1';

const TAIL_BYTES = 8_192;

/**
 * Node flags of every server under test, obas and its references alike: obas's recommended flags (what `npm start`
 * passes, `src/cli/server-node-flags.ts`); `BENCH_CPU_PROF=<dir>` makes them write a V8 CPU profile there when they
 * stop (`node --cpu-prof`); `BENCH_SERVER_NODE_FLAGS` adds any others, e.g. `--perf-basic-prof` for `perf record`.
 */
const SERVER_NODE_FLAGS = [
  ...OBAS_NODE_FLAGS,
  ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []),
  ...(process.env.BENCH_SERVER_NODE_FLAGS?.split(' ').filter((flag) => flag !== '') ?? []),
];

/** A TCP port that was free a moment ago on 127.0.0.1. */
export async function freePort() {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address();
  await new Promise((done) => server.close(done));
  return port;
}

/** Spawns `node …args` pinned to `core`, keeping the tail of its output for error messages. */
function spawnPinned(core, args, options = {}) {
  const child = spawn('taskset', ['-c', core, process.execPath, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    ...options,
  });
  child.tail = '';
  const keep = (chunk) => {
    child.tail = (child.tail + chunk.toString()).slice(-TAIL_BYTES);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  return child;
}

/**
 * Starts a server pinned to the server core (or to `cores`, a `taskset -c` list) and resolves once its output matches
 * `ready`. It fails when the server exits first, or stays silent for `timeoutMs`: a server that prepares data before it
 * listens (the oidc-provider grant rows) reports its progress, and each line it writes restarts the wait. Output keeps
 * being drained afterwards so that a chatty server never blocks on a full pipe.
 */
export async function startServer(name, args, { ready, timeoutMs = 60_000, env = process.env, cwd, cores = SERVER_CORE } = {}) {
  const child = spawnPinned(cores, [...SERVER_NODE_FLAGS, ...args], { env, ...(cwd === undefined ? {} : { cwd }) });
  await new Promise((resolve, reject) => {
    const silent = () => fail(new Error(`${name} did not become ready: silent for ${timeoutMs} ms`));
    let timer = setTimeout(silent, timeoutMs);
    const onData = () => {
      if (ready.test(child.tail)) return finish();
      clearTimeout(timer);
      timer = setTimeout(silent, timeoutMs);
    };
    const onExit = (code) => fail(new Error(`${name} exited with code ${code} before becoming ready`));
    function cleanup() {
      clearTimeout(timer);
      child.stdout.off('data', onData);
      child.stderr.off('data', onData);
      child.off('exit', onExit);
    }
    function finish() {
      cleanup();
      resolve();
    }
    function fail(error) {
      cleanup();
      child.kill('SIGKILL');
      reject(new Error(`${error.message}\n--- ${name} output ---\n${child.tail}`));
    }
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', onExit);
  });
  return {
    name,
    child,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Runs `node …args` pinned to `core` (with obas's recommended Node flags, as the servers) to completion and parses the last line of its stdout as JSON. */
export async function runToJson(name, core, args) {
  const child = spawnPinned(core, [...OBAS_NODE_FLAGS, ...args]);
  let stdout = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk.toString();
  });
  const [code] = await once(child, 'exit');
  const lastLine = stdout.trim().split('\n').at(-1) ?? '';
  if (code !== 0 || !lastLine.startsWith('{')) {
    throw new Error(`${name} failed (exit ${code})\n--- ${name} output ---\n${child.tail}`);
  }
  return JSON.parse(lastLine);
}
