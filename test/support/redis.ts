import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { requireOrSkip } from './suite-requirement.js';

/** The Redis the suites use: `REDIS_URL`, or the one at 127.0.0.1:6379. */
export const REDIS_URL = process.env['REDIS_URL'] || 'redis://127.0.0.1:6379';

async function answers(url: string): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, connectTimeout: 1_000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

/**
 * Whether Redis suites run: Redis answers at {@link REDIS_URL}. Otherwise they skip with one line saying so, unless
 * `OBAS_REQUIRE_REDIS=1`, which makes the missing Redis an error.
 */
export const redisAvailable = requireOrSkip(await answers(REDIS_URL), {
  variable: 'OBAS_REQUIRE_REDIS',
  missing: `Redis (${REDIS_URL})`,
  install: 'start a Redis server on 127.0.0.1:6379 or set REDIS_URL (the suites write under a unique key prefix each)',
});

/** A key prefix no other test shares, so suites can run at once against one Redis. */
export const uniqueKeyPrefix = (): string => `obas-test:${randomBytes(6).toString('hex')}:`;

/** A client of the test Redis (for looking at what obas wrote); disconnect it when done. */
export function testRedisClient(): Redis {
  return new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
}
