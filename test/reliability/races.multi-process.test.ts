import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { startObasCluster, type ObasCluster } from '../support/obas-cluster.js';
import { postgresAvailable } from '../support/postgres.js';
import { PsuHttpClient } from '../support/psu-http.js';
import { clientSigningKey } from '../support/tpp-fixtures.js';
import {
  raceSettings,
  refreshRaceWithGrace,
  singleUseRaces,
  type RaceProfile,
  type RaceReport,
  type RaceTarget,
} from './races.scenarios.js';
import { revocationRacingRefreshes } from './races.revocation.js';

const PROCESSES = 3;
/** Parallel requests per race: ten per process. */
const PARALLEL = 30;

const report = (race: string, measured: RaceReport) => console.log(`[races:postgresql×${PROCESSES}] ${race}: ${JSON.stringify(measured)}`);

/** Three obas processes on one fresh PostgreSQL database in `profile` with `knobs`, as a race target. */
function clusterTarget(profile: RaceProfile, knobs: Record<string, unknown>): () => RaceTarget {
  let cluster: ObasCluster | undefined;
  let target: RaceTarget | undefined;
  let psu: PsuHttpClient | undefined;
  beforeAll(async () => {
    const key = await clientSigningKey('PS256', 'a-1');
    cluster = await startObasCluster((certs) => raceSettings(profile, knobs, certs, key), PROCESSES);
    psu = new PsuHttpClient(cluster.issuer, cluster.caPem);
    const { issuer, mtlsUrls, agent, dataDir } = cluster;
    target = { profile, issuer, mtlsUrls, agent, psu, key, configFile: join(dataDir, 'node-0.json') };
  });
  afterAll(async () => {
    await psu?.close();
    await cluster?.stop();
  });
  return () => {
    if (target === undefined) throw new Error('the cluster did not start');
    return target;
  };
}

describe.skipIf(!postgresAvailable)(`races across ${PROCESSES} obas processes on one PostgreSQL, STET, rotation without grace`, () => {
  const target = clusterTarget('stet', { refreshTokens: { rotate: true, graceSeconds: 0 } });

  singleUseRaces(target, PARALLEL, `races:postgresql×${PROCESSES}`);
});

describe.skipIf(!postgresAvailable)(`races across ${PROCESSES} obas processes on one PostgreSQL, STET, rotation with a 30 s grace`, () => {
  const target = clusterTarget('stet', { refreshTokens: { rotate: true, graceSeconds: 30 } });

  it(`never leaves two live lineages when ${PARALLEL} first uses of one refresh token race`, async () => {
    report('refresh with grace, first uses racing', await refreshRaceWithGrace(target(), PARALLEL, false));
  });

  it(`never leaves two live lineages when ${PARALLEL} grace retries race after a lost response`, async () => {
    report('refresh with grace, retries racing', await refreshRaceWithGrace(target(), PARALLEL, true));
  });
});

describe.skipIf(!postgresAvailable)(`consent revocation racing refreshes on ${PROCESSES} obas processes on one PostgreSQL, UK OB`, () => {
  const target = clusterTarget('uk-ob', {});

  it('the TPP deletes the consent on one process while refreshes run on all: afterwards nothing of the grant works', async () => {
    report('revocation by DELETE racing refreshes', await revocationRacingRefreshes(target(), 'api', 6));
  });

  it('the operator revokes the consent with the CLI while refreshes run on all: afterwards nothing of the grant works', async () => {
    report('revocation by CLI racing refreshes', await revocationRacingRefreshes(target(), 'cli', 3));
  });
});
