import type { RateRule } from '../config/config.types.js';

/** One bucket a request must find room in: its key (group, scope and subject) and its rule. */
export interface BucketRequest {
  readonly key: string;
  readonly rule: RateRule;
}

/** Whether a request was admitted; when not, how long to wait and which bucket was full. */
export interface RateDecision {
  readonly allowed: boolean;
  /** Longest wait until every bucket has room, in ms; 0 when allowed. */
  readonly retryAfterMs: number;
  /** Index (in the request's bucket list) of the first bucket that had no room. */
  readonly refusedBy?: number;
}

/**
 * Where buckets live (DESIGN.md "Storage": what must hold across processes is not kept in one process's memory):
 * memory for one process, Redis for a limit that holds across every process. A take is atomic across its buckets
 * (the semantics of `stepBuckets` in gcra-bucket.ts): all have room and all are taken from, or none is.
 */
export interface RateLimitStore {
  /** The decision; synchronous where the store can decide at once (memory), so a request need not wait a turn for it. */
  take(buckets: readonly BucketRequest[], nowMs: number): RateDecision | Promise<RateDecision>;
  close(): Promise<void>;
}
