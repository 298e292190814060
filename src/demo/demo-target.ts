import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { startObas } from '../app/obas-app.js';
import type { ProfileName } from '../protocol/profile-name.js';
import { loadConfig } from '../config/load-config.js';
import { loadCertificateAuthority, type CertificateAuthority } from '../pki/certificate-authority.js';
import { ensureDevPki } from '../pki/dev-ca.js';
import { issueTppCertificate, type IssuedCertificate } from '../pki/tpp-certificate.js';
import { openSandboxDirectory, type SandboxDirectory } from '../registration/sandbox-directory.js';

/** The obas the demo talks to, and the development material of its data directory the demo TPP needs. */
export interface DemoTarget {
  readonly issuer: string;
  readonly mtlsBaseUrl: string;
  /** The dev CA: it signs the TPP's certificate and, by default, the server's TLS certificates. */
  readonly devCa: CertificateAuthority;
  /** The sandbox directory that signs the software statement. */
  readonly directory: SandboxDirectory;
  /** A configured resource server (`resourceServers`) and its certificate; absent against a running server. */
  readonly resourceServer?: { readonly id: string; readonly certificate: IssuedCertificate };
  /** One line: which server, where. */
  readonly description: string;
  close(): Promise<void>;
}

/** A running obas: its front channel (issuer), mutual-TLS base URL and data directory. */
export interface RunningServer {
  readonly issuer: string;
  readonly mtlsUrl: string;
  readonly dataDir: string;
}

/** The resource server identity the demo configures in its own obas (`resourceServers`). */
const RESOURCE_SERVER_ID = 'demo-accounts-api';

/**
 * Starts obas in `profile` in a fresh temporary data directory, on free ports of 127.0.0.1, SQLite, no environment
 * variables, no metrics listener: the dev CA, sandbox directory and sandbox PSUs of a development set-up, plus a
 * resource server whose certificate the demo holds. Closing it stops the server and deletes the directory.
 */
export async function startDemoServer(profile: ProfileName): Promise<DemoTarget> {
  const dataDir = await mkdtemp(join(tmpdir(), 'obas-demo-'));
  try {
    const pki = await ensureDevPki(dataDir);
    const resourceServer = await issueTppCertificate(pki.ca, { organization: 'obas demo bank', commonName: RESOURCE_SERVER_ID, keyType: 'ec' });
    const [frontPort, mtlsPort] = [await freePort(), await freePort()];
    const configFile = join(dataDir, 'obas-demo.json');
    await writeFile(
      configFile,
      JSON.stringify({
        issuer: `https://localhost:${frontPort}`,
        dataDir,
        profile,
        frontChannel: { host: '127.0.0.1', port: frontPort },
        mtls: { host: '127.0.0.1', port: mtlsPort, baseUrl: `https://localhost:${mtlsPort}` },
        resourceServers: [{ id: RESOURCE_SERVER_ID, subjectDn: resourceServer.subjectDn }],
        metrics: { enabled: false },
        logLevel: 'error',
      }),
    );
    const config = await loadConfig({ configPath: configFile, env: {}, cwd: dataDir });
    const running = await startObas(config, pino({ level: config.logLevel }, process.stderr));
    return {
      issuer: config.issuer,
      mtlsBaseUrl: config.mtlsBaseUrl,
      devCa: pki.ca,
      directory: await openSandboxDirectory(dataDir),
      resourceServer: { id: RESOURCE_SERVER_ID, certificate: resourceServer },
      description: `started obas (profile ${profile}) in ${dataDir}: ${config.issuer}, mutual TLS ${config.mtlsBaseUrl}`,
      async close() {
        await running.close();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Uses an obas that is already running, with the dev CA (`pki/dev-ca.pem`, `pki/dev-ca.key`) and sandbox directory
 * (`directory/`) of its data directory; both must exist already, or the server would not trust what the demo signs.
 */
export async function useRunningServer(server: RunningServer): Promise<DemoTarget> {
  const pki = join(server.dataDir, 'pki');
  const [certPem, keyPem] = await Promise.all([readFile(join(pki, 'dev-ca.pem'), 'utf8'), readFile(join(pki, 'dev-ca.key'), 'utf8')]).catch(
    (error: unknown) => {
      throw new Error(`no dev CA in ${pki} (is --data-dir the running server's data directory?)`, { cause: error });
    },
  );
  const directoryFolder = await stat(join(server.dataDir, 'directory')).catch(() => undefined);
  if (directoryFolder?.isDirectory() !== true) throw new Error(`no sandbox directory in ${server.dataDir} (is the server's directory.sandbox on?)`);
  return {
    issuer: server.issuer,
    mtlsBaseUrl: server.mtlsUrl,
    devCa: await loadCertificateAuthority(certPem, keyPem),
    directory: await openSandboxDirectory(server.dataDir),
    description: `using the running obas at ${server.issuer}, mutual TLS ${server.mtlsUrl}, data directory ${server.dataDir}`,
    close: async () => undefined,
  };
}

/** A TCP port of 127.0.0.1 that was free a moment ago (the issuer must name its port before the server binds it). */
async function freePort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
