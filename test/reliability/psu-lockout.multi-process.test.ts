import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startObasCluster, type ObasCluster } from '../support/obas-cluster.js';
import { postgresAvailable } from '../support/postgres.js';
import { PsuHttpClient } from '../support/psu-http.js';
import { obasCli, post, startDashboard, WRONG_PASSWORD } from './psu-lockout-fixture.js';

describe.skipIf(!postgresAvailable)('the PSU lockout across two obas processes on one PostgreSQL', () => {
  let cluster: ObasCluster;
  let first: PsuHttpClient;
  let second: PsuHttpClient;
  const config = (node: number) => join(cluster.dataDir, `node-${node}.json`);

  beforeAll(async () => {
    cluster = await startObasCluster(() => ({ psuLockout: { maxFailures: 3, lockSeconds: 600 } }));
    const { frontChannel } = JSON.parse(readFileSync(config(1), 'utf8')) as { frontChannel: { port: number } };
    first = new PsuHttpClient(cluster.issuer, cluster.caPem);
    second = new PsuHttpClient(`https://localhost:${frontChannel.port}`, cluster.caPem);
  });

  afterAll(async () => {
    await Promise.all([first?.close(), second?.close()]);
    await cluster?.stop();
  });

  it('refuses on one process the PSU that failed on the other, until the CLI on the same database unlocks them', async () => {
    const onFirst = await startDashboard(first);
    const fail = () => post(first, onFirst, '/consents/login', { username: 'alice', password: 'wrong' });
    expect((await fail()).body).toContain(WRONG_PASSWORD);
    expect((await fail()).body).toContain(WRONG_PASSWORD);
    expect((await fail()).body).toContain('Too many failed attempts. Try again in 10 minutes.');

    const sameOrigin = { origin: new URL(cluster.issuer).origin };
    const onSecond = await startDashboard(second);
    const rightOnSecond = () => second.post('/consents/login', { csrf: onSecond.csrf, username: 'alice', password: 'sandbox-alice' }, { cookie: onSecond.cookie, ...sameOrigin });
    const refused = await rightOnSecond();
    expect([refused.status, refused.location]).toStrictEqual([200, undefined]);
    expect(refused.body).toContain('Too many failed attempts. Try again in 10 minutes.');

    expect(await obasCli(config(0), ['psus', 'lockouts'])).toMatch(/^alice\t\S+\tnext lock 1200 s$/m);
    expect(await obasCli(config(0), ['psus', 'unlock', 'alice'])).toBe('unlocked alice\n');
    expect((await rightOnSecond()).location).toBe('/consents/sca');
  });
});
