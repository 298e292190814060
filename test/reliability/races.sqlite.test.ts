import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { prepareDataDir, startTestObas, type TestObas } from '../support/obas-harness.js';
import { PsuHttpClient } from '../support/psu-http.js';
import { tppAgent } from '../support/tpp-client.js';
import { clientSigningKey, issueTppCertificates } from '../support/tpp-fixtures.js';
import {
  raceSettings,
  singleUseRaces,
  type RaceProfile,
  type RaceReport,
  type RaceTarget,
} from './races.scenarios.js';
import { revocationRacingRefreshes } from './races.revocation.js';

/**
 * The races of races.multi-process.test.ts on one in-process obas over SQLite. Refresh rotation with a grace window
 * racing itself is in refresh-rotation.test.ts.
 */
const PARALLEL = 30;

const report = (race: string, measured: RaceReport) => console.log(`[races:sqlite] ${race}: ${JSON.stringify(measured)}`);

/** One obas on a fresh SQLite data directory in `profile` with `knobs`, as a race target. */
function sqliteTarget(profile: RaceProfile, knobs: Record<string, unknown>): () => RaceTarget {
  let server: TestObas | undefined;
  let target: RaceTarget | undefined;
  beforeAll(async () => {
    const { dataDir, pki } = await prepareDataDir();
    const [certs, key] = await Promise.all([issueTppCertificates(pki), clientSigningKey('PS256', 'a-1')]);
    const { profile: profileSection, clients } = raceSettings(profile, knobs, certs, key) as { profile: unknown; clients: Record<string, unknown>[] };
    server = await startTestObas({ dataDir, profile: profileSection, clients });
    const configFile = join(dataDir, 'cli.json');
    writeFileSync(configFile, JSON.stringify({ dataDir, profile }));
    const agent = tppAgent({ certPem: certs.main.certPem, keyPem: certs.main.keyPem, caPem: pki.caCertPem });
    const psu = new PsuHttpClient(server.issuer, pki.caCertPem);
    target = { profile, issuer: server.issuer, mtlsUrls: [server.mtlsBaseUrl], agent, psu, key, configFile };
  });
  afterAll(async () => {
    await target?.agent.close();
    await target?.psu.close();
    await server?.close();
  });
  return () => {
    if (target === undefined) throw new Error('obas did not start');
    return target;
  };
}

describe('races on one obas over SQLite, STET, rotation without grace', () => {
  const target = sqliteTarget('stet', { refreshTokens: { rotate: true, graceSeconds: 0 } });

  singleUseRaces(target, PARALLEL, 'races:sqlite');
});

describe('consent revocation racing refreshes on one obas over SQLite, UK OB', () => {
  const target = sqliteTarget('uk-ob', {});

  it('the TPP deletes the consent while refreshes run: afterwards nothing of the grant works', async () => {
    report('revocation by DELETE racing refreshes', await revocationRacingRefreshes(target(), 'api', 4));
  });

  it('the operator revokes the consent with the CLI (another process on the same file) while refreshes run', async () => {
    report('revocation by CLI racing refreshes', await revocationRacingRefreshes(target(), 'cli', 2));
  });
});
