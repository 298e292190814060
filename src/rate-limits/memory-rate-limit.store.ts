import { stepBuckets } from './gcra-bucket.js';
import type { BucketRequest, RateDecision, RateLimitStore } from './rate-limit-store.js';

/** The decision of every admitted request: one shared object, since admitting runs for every rate-limited request. */
const ALLOWED: RateDecision = Object.freeze({ allowed: true, retryAfterMs: 0 });

/** Most buckets kept before the full ones are swept: ~100 bytes each, so about 10 MB. */
const DEFAULT_MAX_BUCKETS = 100_000;

/**
 * Buckets in this process's memory: a Map from key to theoretical arrival time, in the order of last use. A bucket
 * whose TAT has passed is as good as absent, so when the map outgrows `maxBuckets` those are swept, and if that is not
 * enough the least recently used go (which only ever gives a bucket back its room). Synchronous underneath, hence
 * atomic within the process.
 */
export function createMemoryRateLimitStore(maxBuckets = DEFAULT_MAX_BUCKETS): RateLimitStore & { readonly size: () => number } {
  const tats = new Map<string, number>();

  function sweep(nowMs: number): void {
    for (const [key, tat] of tats) if (tat <= nowMs) tats.delete(key);
    const target = Math.floor(maxBuckets * 0.9);
    for (const key of tats.keys()) {
      if (tats.size <= target) break;
      tats.delete(key);
    }
  }

  return {
    take(buckets: readonly BucketRequest[], nowMs: number): RateDecision {
      const step = stepBuckets(
        buckets.map((bucket) => tats.get(bucket.key)),
        buckets.map((bucket) => bucket.rule),
        nowMs,
      );
      if (!step.allowed) return { allowed: false, retryAfterMs: step.retryAfterMs, ...(step.refusedBy === undefined ? {} : { refusedBy: step.refusedBy }) };
      for (let index = 0; index < buckets.length; index += 1) {
        const { key } = buckets[index] as BucketRequest;
        tats.delete(key);
        tats.set(key, step.tatsMs[index] ?? nowMs);
      }
      if (tats.size > maxBuckets) sweep(nowMs);
      return ALLOWED;
    },
    async close() {
      tats.clear();
    },
    size: () => tats.size,
  };
}
