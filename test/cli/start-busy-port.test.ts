import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port.js';
import { CLI } from '../support/obas-process.js';

const run = promisify(execFile);

/** `obas start` on the given ports, in a fresh data directory; resolves its exit code and error output. */
async function start(frontPort: number, mtlsPort: number): Promise<{ code: number; stderr: string }> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'DATABASE_URL' && !name.startsWith('OBAS_')));
  const dataDir = mkdtempSync(join(tmpdir(), 'obas-busy-port-'));
  const args = [CLI, 'start', '--data-dir', dataDir, '--front-port', String(frontPort), '--mtls-port', String(mtlsPort), '--log-level', 'silent'];
  try {
    await run(process.execPath, args, { env, timeout: 20_000 });
    return { code: 0, stderr: '' };
  } catch (error) {
    const failure = error as { code?: number; stderr?: string };
    return { code: failure.code ?? -1, stderr: failure.stderr ?? '' };
  }
}

describe('obas start on a port that is in use', () => {
  let busy: Server;
  let busyPort: number;

  beforeAll(async () => {
    busy = createServer();
    await new Promise<void>((listening) => busy.listen(0, '127.0.0.1', listening));
    busyPort = (busy.address() as { port: number }).port;
  });

  afterAll(() => new Promise<void>((closed) => busy.close(() => closed())));

  it('names the front-channel flag and variable that move it, and exits 1', async () => {
    const { code, stderr } = await start(busyPort, await freePort());
    expect(code).toBe(1);
    expect(stderr).toBe(
      `obas: front channel port ${busyPort} (127.0.0.1) is in use: set --front-port or OBAS_FRONT_PORT or frontChannel.port in the configuration file\n`,
    );
  });

  it('names the mutual-TLS flag and variable, and exits although the front channel was already listening', async () => {
    const { code, stderr } = await start(await freePort(), busyPort);
    expect(code).toBe(1);
    expect(stderr).toContain(`obas: mutual TLS port ${busyPort} (127.0.0.1) is in use: set --mtls-port or OBAS_MTLS_PORT`);
  });
});
