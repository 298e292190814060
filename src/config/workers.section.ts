import { availableParallelism } from 'node:os';
import type { ConfigChecker } from './config-checker.js';

/** Most worker processes `workers` may ask for. */
const MAX_WORKERS = 256;

/**
 * `workers` (`OBAS_WORKERS`, `--workers`): how many processes `obas start` runs. Default: one in the development
 * set-up (the generated dev CA is trusted, as when no trust anchors are configured), the number of cores the process
 * may use otherwise.
 */
export function readWorkers(checker: ConfigChecker, value: unknown, development: boolean): number {
  if (value === undefined) return development ? 1 : availableParallelism();
  return checker.integer(value, 'workers', 1, MAX_WORKERS) ?? 1;
}
