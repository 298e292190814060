import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createObasLogger } from '../../src/app/obas-logger.js';
import { startObas, type ServedRoute } from '../../src/app/obas-app.js';
import { loadConfig } from '../../src/config/load-config.js';
import { ensureDevPki, type DevPki } from '../../src/pki/dev-ca.js';
import { freePort } from './free-port.js';

/** Options of a test server: everything else is the default configuration. */
export interface TestObasOptions {
  /** Profile section of the configuration file (a name or an object). */
  readonly profile?: unknown;
  /** Static clients (RFC 7591 metadata, plus client_secret_hash). */
  readonly clients?: readonly Record<string, unknown>[];
  readonly databaseUrl?: string;
  /** Extra top-level configuration keys. */
  readonly extra?: Record<string, unknown>;
  /** Collects every JSON log line (at level info) instead of discarding logs. */
  readonly logLines?: string[];
  /** Reuse a data directory (e.g. a second process on the same PKI and keys). */
  readonly dataDir?: string;
}

/** A running obas for one test file, with its dev PKI for issuing TPP certificates. */
export interface TestObas {
  readonly issuer: string;
  readonly mtlsBaseUrl: string;
  readonly dataDir: string;
  readonly pki: DevPki;
  /** Every route the two listeners serve. */
  readonly routes: readonly ServedRoute[];
  close(): Promise<void>;
}

/** A fresh data directory with the dev PKI in it (so certificates can be issued before the server starts). */
export async function prepareDataDir(): Promise<{ dataDir: string; pki: DevPki }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'obas-e2e-'));
  return { dataDir, pki: await ensureDevPki(dataDir) };
}

const isAddressInUse = (error: unknown) => (error as { code?: unknown } | null)?.code === 'EADDRINUSE';

/**
 * Starts obas in-process on free ports, configured through a real configuration file. A port found free can be taken
 * by another suite's process before obas binds it; then it starts again on other ports (at most three times).
 */
export async function startTestObas(options: TestObasOptions): Promise<TestObas> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await startOnFreePorts(options);
    } catch (error) {
      if (!isAddressInUse(error) || attempt === 3) throw error;
    }
  }
}

async function startOnFreePorts(options: TestObasOptions): Promise<TestObas> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'obas-e2e-'));
  const pki = await ensureDevPki(dataDir);
  const [frontPort, mtlsPort] = [await freePort(), await freePort()];
  const file = join(dataDir, `obas-${frontPort}.json`);
  writeFileSync(
    file,
    JSON.stringify({
      issuer: `https://localhost:${frontPort}`,
      dataDir,
      frontChannel: { host: '127.0.0.1', port: frontPort },
      mtls: { host: '127.0.0.1', port: mtlsPort, baseUrl: `https://localhost:${mtlsPort}` },
      ...(options.profile === undefined ? {} : { profile: options.profile }),
      clients: options.clients ?? [],
      ...(options.databaseUrl === undefined ? {} : { database: { url: options.databaseUrl } }),
      logLevel: options.logLines === undefined ? (process.env['OBAS_TEST_LOG'] ?? 'silent') : 'info',
      metrics: { enabled: false },
      ...options.extra,
    }),
  );
  const config = await loadConfig({ configPath: file, env: {}, cwd: dataDir });
  const lines = options.logLines;
  const destination = lines === undefined ? undefined : { write: (line: string) => void lines.push(line) };
  const logger = createObasLogger(config.logLevel, destination);
  const running = await startObas(config, logger);
  return {
    issuer: config.issuer,
    mtlsBaseUrl: config.mtlsBaseUrl,
    dataDir,
    pki,
    routes: running.routes,
    async close() {
      await running.close();
      if (options.dataDir === undefined) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
