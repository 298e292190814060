import { Redis } from 'ioredis';
import { withTimeout } from '../shared/with-timeout.js';
import { WAIT_TOLERANCE_MS } from './gcra-bucket.js';
import type { BucketRequest, RateDecision, RateLimitStore } from './rate-limit-store.js';

/**
 * `stepBuckets` (gcra-bucket.ts) in Lua, so that reading, deciding and writing every bucket of a request is one atomic
 * round trip. KEYS: the buckets; ARGV[1]: now (ms); then per bucket its interval (ms) and burst. Returns
 * `{ retryAfterMs, refusedBy }`, refusedBy 1-based, `{ 0, 0 }` when admitted. TATs are stored with 1 µs precision and
 * expire when they pass (a bucket back to full room is as good as absent).
 */
const TAKE_BUCKETS_LUA = `
local now = tonumber(ARGV[1])
local tats = {}
local wait = 0
local refused = 0
for i = 1, #KEYS do
  local interval = tonumber(ARGV[i * 2])
  local burst = tonumber(ARGV[i * 2 + 1])
  local tat = tonumber(redis.call('GET', KEYS[i])) or now
  if tat < now then tat = now end
  tat = tat + interval
  local bucketWait = tat - interval * burst - now
  if bucketWait > ${WAIT_TOLERANCE_MS} then
    if bucketWait > wait then wait = bucketWait end
    if refused == 0 then refused = i end
  end
  tats[i] = tat
end
if refused > 0 then return { math.ceil(wait), refused } end
for i = 1, #KEYS do
  redis.call('SET', KEYS[i], string.format('%.3f', tats[i]), 'PX', math.ceil(tats[i] - now))
end
return { 0, 0 }
`;

/** How long start-up waits for Redis before serving with the in-process buckets (it keeps reconnecting meanwhile). */
const CONNECT_TIMEOUT_MS = 2_000;

/** After a failed round trip, Redis is left alone for this long (the fallback decides), so a stalled Redis costs one timeout a second, not one per request. */
const BACKOFF_MS = 1_000;

/** Where the Redis store says that Redis stopped or started answering. */
export interface StoreLog {
  warn(fields: object, message: string): void;
  info(fields: object, message: string): void;
}

/** The Redis store's settings (`rateLimits.store`, `keyPrefix`, `redisTimeoutMs`). */
export interface RedisStoreOptions {
  readonly url: string;
  readonly keyPrefix: string;
  readonly timeoutMs: number;
}

type TakeBuckets = (keyCount: number, ...keysAndArgs: string[]) => Promise<[number, number]>;

/**
 * Buckets in Redis, shared by every obas process that names the same Redis and key prefix. Each take is one EVALSHA
 * of {@link TAKE_BUCKETS_LUA}, bounded by `timeoutMs`. Redis trouble fails open to the `fallback` (in-process)
 * buckets: limits then hold per process instead of globally, and Redis being slow or gone never takes the endpoints
 * down. It is logged once when it starts (a warning) and once when Redis answers again. A cluster is not supported:
 * the keys of one request hash to different slots.
 */
export async function openRedisRateLimitStore(options: RedisStoreOptions, fallback: RateLimitStore, log: StoreLog): Promise<RateLimitStore> {
  const client = new Redis(options.url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: options.timeoutMs,
    connectTimeout: CONNECT_TIMEOUT_MS,
    retryStrategy: (attempt) => Math.min(attempt * 100, 2_000),
  });
  client.defineCommand('obasTakeBuckets', { lua: TAKE_BUCKETS_LUA });
  const takeBuckets = (client as unknown as { obasTakeBuckets: TakeBuckets }).obasTakeBuckets.bind(client);
  let failing = false;
  let skipUntilMs = 0;
  const failed = (error: unknown) => {
    skipUntilMs = Date.now() + BACKOFF_MS;
    if (!failing) log.warn({ detail: String(error) }, 'the rate limit Redis does not answer; limits hold per process until it does');
    failing = true;
  };
  client.on('error', failed);
  await withTimeout(client.connect(), CONNECT_TIMEOUT_MS, 'the rate limit Redis').catch(failed);

  return {
    async take(buckets: readonly BucketRequest[], nowMs: number): Promise<RateDecision> {
      if (Date.now() < skipUntilMs) return fallback.take(buckets, nowMs);
      const keys = buckets.map((bucket) => `${options.keyPrefix}${bucket.key}`);
      const args = buckets.flatMap((bucket) => [String(1000 / bucket.rule.ratePerSecond), String(bucket.rule.burst)]);
      try {
        const [retryAfterMs, refusedBy] = await takeBuckets(keys.length, ...keys, String(nowMs), ...args);
        if (failing) log.info({}, 'the rate limit Redis answers again; limits hold across processes');
        failing = false;
        return refusedBy === 0 ? { allowed: true, retryAfterMs: 0 } : { allowed: false, retryAfterMs, refusedBy: refusedBy - 1 };
      } catch (error) {
        failed(error);
        return fallback.take(buckets, nowMs);
      }
    },
    async close() {
      await withTimeout(client.quit(), options.timeoutMs * 10, 'the rate limit Redis').catch(() => client.disconnect());
      await fallback.close();
    },
  };
}
