import { stepBuckets } from './gcra-bucket.js';
import type { BucketRequest, RateDecision, RateLimitStore } from './rate-limit-store.js';

/** The decision of every admitted request: one shared object, since admitting runs for every rate-limited request. */
const ALLOWED: RateDecision = Object.freeze({ allowed: true, retryAfterMs: 0 });

/** Most buckets kept before the full ones are swept: ~100 bytes each, so about 10 MB. */
const DEFAULT_MAX_BUCKETS = 100_000;

/** One bucket: its theoretical arrival time, and whether a request asked for it since the last sweep passed it. */
interface Bucket {
  tat: number;
  asked: boolean;
}

/**
 * Buckets in this process's memory: a Map from key to bucket, each updated in place (keeping the Map in order of last
 * use would take a `delete` and a `set` per bucket per request, whose holes keep the Map rehashing). A bucket whose
 * TAT has passed is as good as absent, so when the map outgrows `maxBuckets` those are swept; if that is not enough,
 * buckets go in the order they were made, except that one asked for since the sweep last passed it (admitted or
 * refused) gets a second chance: it moves to the end, unmarked (CLOCK, an approximation of least recently used).
 * Evicting only ever gives a bucket back its room. Synchronous underneath, hence atomic within the process.
 */
export function createMemoryRateLimitStore(maxBuckets = DEFAULT_MAX_BUCKETS): RateLimitStore & { readonly size: () => number } {
  const buckets = new Map<string, Bucket>();

  function sweep(nowMs: number): void {
    for (const [key, bucket] of buckets) if (bucket.tat <= nowMs) buckets.delete(key);
    const target = Math.floor(maxBuckets * 0.9);
    // A bucket moved to the end is met again, unmarked, later in the same walk: the walk ends.
    for (const [key, bucket] of buckets) {
      if (buckets.size <= target) break;
      buckets.delete(key);
      if (bucket.asked) {
        bucket.asked = false;
        buckets.set(key, bucket);
      }
    }
  }

  return {
    take(requests: readonly BucketRequest[], nowMs: number): RateDecision {
      const found = requests.map((request) => buckets.get(request.key));
      for (const bucket of found) if (bucket !== undefined) bucket.asked = true;
      const step = stepBuckets(
        found.map((bucket) => bucket?.tat),
        requests.map((request) => request.rule),
        nowMs,
      );
      if (!step.allowed) return { allowed: false, retryAfterMs: step.retryAfterMs, ...(step.refusedBy === undefined ? {} : { refusedBy: step.refusedBy }) };
      for (let index = 0; index < requests.length; index += 1) {
        const tat = step.tatsMs[index] ?? nowMs;
        const bucket = found[index];
        if (bucket === undefined) buckets.set((requests[index] as BucketRequest).key, { tat, asked: false });
        else bucket.tat = tat;
      }
      if (buckets.size > maxBuckets) sweep(nowMs);
      return ALLOWED;
    },
    async close() {
      buckets.clear();
    },
    size: () => buckets.size,
  };
}
