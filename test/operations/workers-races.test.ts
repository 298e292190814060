import { join } from 'node:path';
import { afterAll, beforeAll, describe } from 'vitest';
import { raceSettings, singleUseRaces, type RaceTarget } from '../reliability/races.scenarios.js';
import { freePort } from '../support/free-port.js';
import { prepareDataDir } from '../support/obas-harness.js';
import { spawnObas, type ObasProcess } from '../support/obas-process.js';
import { createTestDatabase, postgresAvailable, type TestDatabase } from '../support/postgres.js';
import { PsuHttpClient } from '../support/psu-http.js';
import { tppAgent } from '../support/tpp-client.js';
import { clientSigningKey, issueTppCertificates } from '../support/tpp-fixtures.js';

/**
 * The correctness races (single-use codes, refresh rotation, assertion `jti`s) against one `obas start --workers 2`:
 * every request goes to the one mTLS port, and the primary hands each connection to the next worker, so parallel
 * requests are served by both workers at once.
 */
const PARALLEL = 30;

const targets = [
  { name: 'SQLite', database: async (): Promise<TestDatabase | undefined> => undefined, skip: false },
  { name: 'PostgreSQL', database: createTestDatabase, skip: !postgresAvailable },
];

describe.each(targets)('races against obas start --workers 2 on $name', ({ name, database, skip }) => {
  let obas: ObasProcess | undefined;
  let db: TestDatabase | undefined;
  let target: RaceTarget;

  beforeAll(async () => {
    if (skip) return;
    db = await database();
    const { dataDir, pki } = await prepareDataDir();
    const [certs, key] = await Promise.all([issueTppCertificates(pki), clientSigningKey('PS256', 'a-1')]);
    const [front, mtls] = [await freePort(), await freePort()];
    const issuer = `https://localhost:${front}`;
    obas = await spawnObas(dataDir, 'workers', {
      ...raceSettings('stet', { refreshTokens: { rotate: true, graceSeconds: 0 } }, certs, key),
      workers: 2,
      dataDir,
      issuer,
      frontChannel: { host: '127.0.0.1', port: front },
      mtls: { host: '127.0.0.1', port: mtls },
      ...(db === undefined ? {} : { database: { url: db.url } }),
    });
    const agent = tppAgent({ certPem: certs.main.certPem, keyPem: certs.main.keyPem, caPem: pki.caCertPem });
    const psu = new PsuHttpClient(issuer, pki.caCertPem);
    target = { profile: 'stet', issuer, mtlsUrls: [`https://localhost:${mtls}`], agent, psu, key, configFile: join(dataDir, 'workers.json') };
  });

  afterAll(async () => {
    await target?.agent.close();
    await target?.psu.close();
    await obas?.stop();
    await db?.drop();
  });

  describe.skipIf(skip)('single-use values', () => {
    singleUseRaces(() => target, PARALLEL, `workers×2:${name}`);
  });
});
