import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { RateRule } from '../../src/config/config.types.js';
import { stepBuckets } from '../../src/rate-limits/gcra-bucket.js';
import { createMemoryRateLimitStore } from '../../src/rate-limits/memory-rate-limit.store.js';
import type { RateLimitStore } from '../../src/rate-limits/rate-limit-store.js';
import { createRateLimiter } from '../../src/rate-limits/rate-limiter.js';
import { openRedisRateLimitStore } from '../../src/rate-limits/redis-rate-limit.store.js';
import { redisAvailable, REDIS_URL, testRedisClient, uniqueKeyPrefix } from '../support/redis.js';

const T0 = Date.UTC(2030, 0, 1);
const ruleArbitrary = fc.record({ ratePerSecond: fc.double({ min: 0.01, max: 1_000, noNaN: true }), burst: fc.integer({ min: 1, max: 50 }) });
/** Arrival times (ms after T0), non-decreasing, several often at the same instant. */
const arrivalsArbitrary = fc
  .array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 2_000 })), { minLength: 1, maxLength: 200 })
  .map((gaps) => gaps.reduce<number[]>((times, gap) => [...times, (times.at(-1) ?? 0) + gap], []));

/** Runs one bucket over `arrivals`, returning the admitted arrival times and every decision. */
function run(rule: RateRule, arrivals: readonly number[]) {
  let tat: number | undefined;
  const admitted: number[] = [];
  const steps = arrivals.map((at) => {
    const step = stepBuckets([tat], [rule], T0 + at);
    if (step.allowed) {
      tat = step.tatsMs[0];
      admitted.push(at);
    }
    return { at, step, before: tat };
  });
  return { admitted, steps };
}

describe('GCRA buckets (stepBuckets)', () => {
  it('admits at most burst + rate × window in any window', () => {
    fc.assert(
      fc.property(ruleArbitrary, arrivalsArbitrary, (rule, arrivals) => {
        const { admitted } = run(rule, arrivals);
        for (let i = 0; i < admitted.length; i++) {
          for (let j = i; j < admitted.length; j++) {
            const windowMs = (admitted[j] as number) - (admitted[i] as number);
            expect(j - i + 1).toBeLessThanOrEqual(rule.burst + (windowMs * rule.ratePerSecond) / 1000 + 1e-6);
          }
        }
      }),
    );
  });

  it('admits exactly burst at once from a fresh bucket, then refuses with one interval to wait', () => {
    fc.assert(
      fc.property(ruleArbitrary, (rule) => {
        const { steps } = run(rule, Array.from({ length: rule.burst + 1 }, () => 0));
        expect(steps.slice(0, rule.burst).every(({ step }) => step.allowed)).toBe(true);
        const refused = steps.at(-1)?.step;
        expect(refused?.allowed).toBe(false);
        expect(Math.abs((refused?.retryAfterMs ?? 0) - 1000 / rule.ratePerSecond)).toBeLessThan(0.05);
      }),
    );
  });

  it('admits a refused request once its retry-after has passed, and a refusal takes nothing', () => {
    fc.assert(
      fc.property(ruleArbitrary, arrivalsArbitrary, (rule, arrivals) => {
        let tat: number | undefined;
        for (const at of arrivals) {
          const step = stepBuckets([tat], [rule], T0 + at);
          if (step.allowed) {
            tat = step.tatsMs[0];
            continue;
          }
          expect(step.tatsMs[0]).toBe(tat);
          expect(stepBuckets([tat], [rule], T0 + at + step.retryAfterMs).allowed).toBe(true);
        }
      }),
    );
  });

  it('admits a request into several buckets only when each has room, takes from all or none, and waits for the slowest', () => {
    fc.assert(
      fc.property(fc.array(ruleArbitrary, { minLength: 2, maxLength: 3 }), fc.array(fc.option(fc.integer({ min: -5_000, max: 60_000 })), { minLength: 3, maxLength: 3 }), (rules, offsets) => {
        const now = T0;
        const previous = rules.map((_, i) => (offsets[i] === null || offsets[i] === undefined ? undefined : now + (offsets[i] as number)));
        const together = stepBuckets(previous, rules, now);
        const alone = rules.map((rule, i) => stepBuckets([previous[i]], [rule], now));
        expect(together.allowed).toBe(alone.every((step) => step.allowed));
        if (together.allowed) {
          expect(together.tatsMs).toEqual(alone.map((step) => step.tatsMs[0]));
        } else {
          expect(together.tatsMs).toEqual(previous.map((tat) => tat ?? now));
          expect(together.retryAfterMs).toBe(Math.max(...alone.map((step) => step.retryAfterMs)));
          expect(together.refusedBy).toBe(alone.findIndex((step) => !step.allowed));
        }
      }),
    );
  });
});

describe('the memory store', () => {
  it('stays within its bucket budget under a flood of distinct keys, forgetting passed buckets first', async () => {
    const store = createMemoryRateLimitStore(1_000);
    const rule = { ratePerSecond: 1, burst: 5 };
    for (let i = 0; i < 5_000; i++) await store.take([{ key: `k${i}`, rule }], T0);
    expect(store.size()).toBeLessThanOrEqual(1_000);
    const hot = [{ key: 'hot', rule }];
    for (let i = 0; i < 5; i++) expect((await store.take(hot, T0 + 10_000)).allowed).toBe(true);
    expect((await store.take(hot, T0 + 10_000)).allowed).toBe(false);
  });

  it('keeps a bucket that is asked for through a flood of new keys, refused or admitted', async () => {
    const store = createMemoryRateLimitStore(100);
    const rule = { ratePerSecond: 1, burst: 5 };
    const refusedHot = [{ key: 'refused', rule }];
    const admittedHot = [{ key: 'admitted', rule: { ratePerSecond: 1, burst: 1_000 } }];
    for (let i = 0; i < 5; i++) expect((await store.take(refusedHot, T0)).allowed).toBe(true);
    let admitted = 0;
    for (let i = 0; i < 1_000; i++) {
      await store.take([{ key: `flood${i}`, rule }], T0);
      expect((await store.take(refusedHot, T0)).allowed).toBe(false);
      if (i % 10 === 0 && (await store.take(admittedHot, T0)).allowed) admitted += 1;
    }
    expect(store.size()).toBeLessThanOrEqual(100);
    expect(admitted).toBe(100);
    // Forgotten, the admitted bucket would hold 1 000 again, not 900.
    let more = 0;
    while ((await store.take(admittedHot, T0)).allowed) more += 1;
    expect(more).toBe(900);
  });
});

describe('the rate limiter', () => {
  it('keys buckets by group, scope and subject, and says which scope refused', async () => {
    const limiter = createRateLimiter(
      {
        token: { perClient: { ratePerSecond: 1, burst: 2 }, perAddress: { ratePerSecond: 1, burst: 3 } },
        par: {},
        registration: {},
        'client-configuration': {},
        revocation: {},
        introspection: {},
        'psu-login': { perAddress: { ratePerSecond: 1, burst: 1 } },
      },
      createMemoryRateLimitStore(),
    );
    const at = new Date(T0);
    const first = limiter('token', { address: '10.0.0.1', client: 'a' }, at);
    expect(first).not.toBeInstanceOf(Promise); // the memory store decides at once: the request goes on in the same turn
    expect(first).toBeUndefined();
    expect(await limiter('token', { address: '10.0.0.1', client: 'a' }, at)).toBeUndefined();
    expect(await limiter('token', { address: '10.0.0.1', client: 'a' }, at)).toEqual({ scope: 'client', retryAfterSeconds: 1 });
    expect(await limiter('token', { address: '10.0.0.1', client: 'b' }, at)).toBeUndefined();
    expect(await limiter('token', { address: '10.0.0.1', client: 'c' }, at)).toEqual({ scope: 'address', retryAfterSeconds: 1 });
    expect(await limiter('token', { address: '10.0.0.2', client: 'c' }, at)).toBeUndefined();
    expect(await limiter('par', { address: '10.0.0.1', client: 'a' }, at)).toBeUndefined();
    expect(await limiter('psu-login', { address: '10.0.0.1' }, at)).toBeUndefined();
    expect(await limiter('psu-login', { address: '10.0.0.1' }, at)).toEqual({ scope: 'address', retryAfterSeconds: 1 });
  });

  it('keys by the subject\'s values: one subject in two groups has two buckets, two equal subjects share one', async () => {
    const perClient = { ratePerSecond: 1, burst: 1 };
    const limiter = createRateLimiter(
      { token: { perClient }, par: { perClient }, registration: {}, 'client-configuration': {}, revocation: {}, introspection: {}, 'psu-login': {} },
      createMemoryRateLimitStore(),
    );
    const at = new Date(T0);
    const connection = { address: '10.0.0.1', client: 'a' };
    expect(await limiter('token', connection, at)).toBeUndefined();
    // The same subject in another group: that group's bucket, not the token group's.
    expect(await limiter('par', connection, at)).toBeUndefined();
    expect(await limiter('token', connection, at)).toEqual({ scope: 'client', retryAfterSeconds: 1 });
    // Another subject with the same values (another connection of the client): the same, by then empty, bucket.
    expect(await limiter('par', { address: '10.0.0.2', client: 'a' }, at)).toEqual({ scope: 'client', retryAfterSeconds: 1 });
  });
});

describe.skipIf(!redisAvailable)('the Redis store', () => {
  const stores: RateLimitStore[] = [];
  const log = { warn: () => undefined, info: () => undefined };
  afterAll(async () => {
    await Promise.all(stores.map((store) => store.close()));
  });

  it('decides as the memory store does, for any sequence of requests over two buckets', async () => {
    await fc.assert(
      fc.asyncProperty(ruleArbitrary, ruleArbitrary, fc.array(fc.tuple(fc.integer({ min: 0, max: 1_500 }), fc.boolean()), { minLength: 1, maxLength: 40 }), async (first, second, requests) => {
        const redis = await openRedisRateLimitStore({ url: REDIS_URL, keyPrefix: uniqueKeyPrefix(), timeoutMs: 1_000 }, createMemoryRateLimitStore(), log);
        stores.push(redis);
        const memory = createMemoryRateLimitStore();
        let now = T0;
        for (const [gap, both] of requests) {
          now += gap;
          const buckets = both ? [{ key: 'x', rule: first }, { key: 'y', rule: second }] : [{ key: 'y', rule: second }];
          const [fromRedis, fromMemory] = [await redis.take(buckets, now), await memory.take(buckets, now)];
          expect(fromRedis.allowed).toBe(fromMemory.allowed);
          expect(fromRedis.refusedBy).toBe(fromMemory.refusedBy);
          expect(Math.abs(fromRedis.retryAfterMs - Math.ceil(fromMemory.retryAfterMs))).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 25 },
    );
  });

  it('writes keys under its prefix that expire when their bucket is full again', async () => {
    const prefix = uniqueKeyPrefix();
    const redis = await openRedisRateLimitStore({ url: REDIS_URL, keyPrefix: prefix, timeoutMs: 1_000 }, createMemoryRateLimitStore(), log);
    stores.push(redis);
    await redis.take([{ key: 'token:c:id:a', rule: { ratePerSecond: 2, burst: 10 } }], Date.now());
    const client = testRedisClient();
    try {
      expect(await client.keys(`${prefix}*`)).toEqual([`${prefix}token:c:id:a`]);
      const ttl = await client.pttl(`${prefix}token:c:id:a`);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(500);
    } finally {
      client.disconnect();
    }
  });
});
