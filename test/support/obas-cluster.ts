import type { Agent } from 'undici';
import { freePort } from './free-port.js';
import { prepareDataDir } from './obas-harness.js';
import { spawnObas, type ObasProcess } from './obas-process.js';
import { createTestDatabase, type TestDatabase } from './postgres.js';
import { tppAgent } from './tpp-client.js';
import { issueTppCertificates, type TppCertificates } from './tpp-fixtures.js';

/** Several obas processes sharing one data directory (keys, dev PKI), one issuer and one fresh PostgreSQL database. */
export interface ObasCluster {
  readonly issuer: string;
  /** The shared data directory; process `i` reads its configuration from `node-<i>.json` there (for the CLI). */
  readonly dataDir: string;
  /** The mTLS base URL of each process. */
  readonly mtlsUrls: readonly string[];
  readonly caPem: string;
  readonly certs: TppCertificates;
  /** An undici agent presenting `certs.main`. */
  readonly agent: Agent;
  stop(): Promise<void>;
}

/**
 * Starts `count` (default two) obas processes from the built CLI on one PostgreSQL (only call when
 * `postgresAvailable`): `settings` are the configuration they share (profile, clients…), given the TPP certificates
 * issued for the test.
 */
export async function startObasCluster(settings: (certs: TppCertificates) => Record<string, unknown>, count = 2): Promise<ObasCluster> {
  const db: TestDatabase | undefined = await createTestDatabase();
  const { dataDir, pki } = await prepareDataDir();
  const certs = await issueTppCertificates(pki);
  const nodes = Array.from({ length: count }, (_, i) => i);
  const ports = await Promise.all(nodes.flatMap(() => [freePort(), freePort()]));
  const issuer = `https://localhost:${ports[0]}`;
  const mtlsUrls = nodes.map((i) => `https://localhost:${ports[i * 2 + 1]}`);
  const shared = { issuer, dataDir, database: { url: db?.url }, ...settings(certs) };
  const processes: ObasProcess[] = await Promise.all(
    nodes.map((i) =>
      spawnObas(dataDir, `node-${i}`, {
        ...shared,
        frontChannel: { host: '127.0.0.1', port: ports[i * 2] },
        mtls: { host: '127.0.0.1', port: ports[i * 2 + 1], baseUrl: mtlsUrls[i] },
      }),
    ),
  );
  const agent = tppAgent({ certPem: certs.main.certPem, keyPem: certs.main.keyPem, caPem: pki.caCertPem });
  return {
    issuer,
    dataDir,
    mtlsUrls,
    caPem: pki.caCertPem,
    certs,
    agent,
    async stop() {
      await agent.close();
      await Promise.all(processes.map((process) => process.stop()));
      await db?.drop();
    },
  };
}
