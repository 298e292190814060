import type { RateLimitStoreConfig } from '../config/config.types.js';
import { createMemoryRateLimitStore } from './memory-rate-limit.store.js';
import type { RateLimitStore } from './rate-limit-store.js';
import { openRedisRateLimitStore, type StoreLog } from './redis-rate-limit.store.js';

/**
 * The store `rateLimits.store` names: process memory, or Redis with process memory as its fallback. When obas may run
 * as several processes (PostgreSQL, or `workers` above 1) with no Redis, each process limits on its own (a limit of N
 * lets each process admit N), which is said once at start.
 */
export async function openRateLimitStore(config: RateLimitStoreConfig, severalProcesses: boolean, log: StoreLog): Promise<RateLimitStore> {
  if (config.kind === 'memory') {
    if (severalProcesses) log.warn({}, 'rate limits hold per process: set rateLimits.store to a Redis URL for limits shared by every process');
    return createMemoryRateLimitStore();
  }
  return openRedisRateLimitStore(config, createMemoryRateLimitStore(), log);
}
