import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openKeyStore } from '../../src/tokens/key-store.js';
import { freePort } from '../support/free-port.js';
import { spawnObas, type ObasProcess } from '../support/obas-process.js';
import { redisAvailable, REDIS_URL, uniqueKeyPrefix } from '../support/redis.js';
import { tlsClient } from '../support/tpp-fixtures.js';
import { bucket, tokenRequest, tppSetUp } from './rate-limit-fixtures.js';

describe.skipIf(!redisAvailable)('rate limits shared through Redis by obas processes', () => {
  it('holds a per-client limit across two obas processes sharing one Redis', async () => {
    const setUp = await tppSetUp();
    const keyPrefix = uniqueKeyPrefix();
    const ports = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
    const processes: ObasProcess[] = [];
    try {
      (await openKeyStore({ dataDir: setUp.dataDir, retiredKeyPublishSeconds: 0 })).close();
      const config = (i: number) => ({
        issuer: `https://localhost:${ports[0]}`,
        dataDir: setUp.dataDir,
        frontChannel: { host: '127.0.0.1', port: ports[i * 2] },
        mtls: { host: '127.0.0.1', port: ports[i * 2 + 1], baseUrl: `https://localhost:${ports[i * 2 + 1]}` },
        database: { sqliteFile: join(setUp.dataDir, `rl-node-${i}.db`) },
        clients: [tlsClient('rl-a', setUp.certs.main)],
        rateLimits: { store: REDIS_URL, keyPrefix, groups: { token: { perClient: bucket(0.05, 4), perAddress: false } } },
      });
      const started = await Promise.allSettled([0, 1].map((i) => spawnObas(setUp.dataDir, `rl-node-${i}`, config(i))));
      for (const outcome of started) if (outcome.status === 'fulfilled') processes.push(outcome.value);
      for (const outcome of started) if (outcome.status === 'rejected') throw outcome.reason;
      const agent = setUp.agent('main');
      const statuses = [];
      for (let i = 0; i < 8; i++) statuses.push((await tokenRequest(`https://localhost:${ports[(i % 2) * 2 + 1]}`, agent, 'rl-a')).status);
      expect(statuses.filter((status) => status === 200)).toHaveLength(4);
      expect(statuses.slice(4)).toEqual([429, 429, 429, 429]);
    } finally {
      await Promise.all(setUp.agents.map((agent) => agent.close()));
      await Promise.all(processes.map((process) => process.stop()));
    }
  });

});
