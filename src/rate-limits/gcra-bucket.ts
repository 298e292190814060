import type { RateRule } from '../config/config.types.js';

/** Waits shorter than this (10 µs) count as none: epoch milliseconds as doubles carry rounding of that order. */
export const WAIT_TOLERANCE_MS = 0.01;

/** The outcome of asking several buckets at once for room for one request. */
export interface BucketsStep {
  readonly allowed: boolean;
  /** The buckets' theoretical arrival times after this request: to store when allowed, unchanged when refused. */
  readonly tatsMs: readonly number[];
  /** When refused: how long until every bucket has room (the longest wait), in ms. 0 when allowed. */
  readonly retryAfterMs: number;
  /** When refused: the index of the first bucket that had no room. */
  readonly refusedBy?: number;
}

/**
 * GCRA (the Generic Cell Rate Algorithm of ITU-T I.371, a token bucket kept as one number per key): each bucket
 * stores its theoretical arrival time (TAT). A request is admitted when `max(TAT, now) + interval − burst × interval
 * ≤ now`, i.e. `burst` requests at once and then one per `interval = 1 s / ratePerSecond`. The request is admitted
 * only if every bucket has room, and then takes from each; a refused request takes from none, so a client that
 * keeps knocking while refused is not pushed further back. `previousTatsMs[i]` is undefined for a bucket never used.
 * Mirrored by the Lua script of the Redis store; keep them in step.
 */
export function stepBuckets(previousTatsMs: readonly (number | undefined)[], rules: readonly RateRule[], nowMs: number): BucketsStep {
  const tatsMs: number[] = [];
  let retryAfterMs = 0;
  let refusedBy: number | undefined;
  rules.forEach((rule, index) => {
    const interval = 1000 / rule.ratePerSecond;
    const tat = Math.max(previousTatsMs[index] ?? nowMs, nowMs) + interval;
    const wait = tat - interval * rule.burst - nowMs;
    if (wait > WAIT_TOLERANCE_MS) {
      retryAfterMs = Math.max(retryAfterMs, wait);
      refusedBy ??= index;
    }
    tatsMs.push(tat);
  });
  if (refusedBy === undefined) return { allowed: true, tatsMs, retryAfterMs: 0 };
  return { allowed: false, tatsMs: previousTatsMs.map((tat) => tat ?? nowMs), retryAfterMs, refusedBy };
}
