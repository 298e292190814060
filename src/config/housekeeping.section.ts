import type { HousekeepingConfig } from './config.types.js';
import { childPath, type ConfigChecker } from './config-checker.js';

const HOUSEKEEPING_KEYS = ['intervalSeconds', 'retentionSeconds'];

/** Defaults of the `housekeeping` section (docs/configuration.md): a sweep every 5 minutes, expired rows kept a day. */
export const HOUSEKEEPING_DEFAULTS: HousekeepingConfig = { intervalSeconds: 300, retentionSeconds: 86_400 };

/** Longest interval between two sweeps (a day) and longest retention of expired rows (a year). */
const MAX_INTERVAL_SECONDS = 86_400;
const MAX_RETENTION_SECONDS = 31_536_000;

/**
 * `housekeeping`: how often each obas process deletes expired tokens, codes, grants and the like, and how long past
 * their expiry they are kept first (so that a late or replayed token still reads as known-but-inactive).
 */
export function readHousekeeping(checker: ConfigChecker, raw: unknown, path = 'housekeeping'): HousekeepingConfig {
  const section = raw === undefined ? {} : (checker.object(raw, path, HOUSEKEEPING_KEYS) ?? {});
  const read = (key: keyof HousekeepingConfig, min: number, max: number) =>
    (section[key] === undefined ? undefined : checker.integer(section[key], childPath(path, key), min, max, ' seconds')) ?? HOUSEKEEPING_DEFAULTS[key];
  return {
    intervalSeconds: read('intervalSeconds', 1, MAX_INTERVAL_SECONDS),
    retentionSeconds: read('retentionSeconds', 0, MAX_RETENTION_SECONDS),
  };
}
