import type { PsuLockoutPolicy } from '../storage/ports.js';
import { childPath, type ConfigChecker } from './config-checker.js';

const DAY_SECONDS = 86_400;

/** Bounds of each key: [min, max, unit]. */
const BOUNDS: Readonly<Record<keyof PsuLockoutPolicy, readonly [number, number, string]>> = {
  maxFailures: [1, 100, ''],
  lockSeconds: [1, DAY_SECONDS, ' seconds'],
  backoffFactor: [1, 10, ''],
  maxLockSeconds: [1, 7 * DAY_SECONDS, ' seconds'],
  resetSeconds: [1, 30 * DAY_SECONDS, ' seconds'],
};

/**
 * Defaults of the `psuLockout` section (docs/configuration.md): five failures lock for a minute, each further lock
 * twice as long up to an hour; a quarter of an hour without a failure forgets them.
 */
export const PSU_LOCKOUT_DEFAULTS: PsuLockoutPolicy = { maxFailures: 5, lockSeconds: 60, backoffFactor: 2, maxLockSeconds: 3600, resetSeconds: 900 };

/**
 * `psuLockout`: when failed sign-ins (passwords and one-time codes, in any authorization or the dashboard) lock a
 * username out, and for how long. `maxLockSeconds` may not be shorter than `lockSeconds` (its default grows with it).
 */
export function readPsuLockout(checker: ConfigChecker, raw: unknown, path = 'psuLockout'): PsuLockoutPolicy {
  const section = raw === undefined ? {} : (checker.object(raw, path, Object.keys(BOUNDS)) ?? {});
  const read = (key: keyof PsuLockoutPolicy): number => {
    const [min, max, unit] = BOUNDS[key];
    const fallback = PSU_LOCKOUT_DEFAULTS[key];
    return section[key] === undefined ? fallback : (checker.integer(section[key], childPath(path, key), min, max, unit) ?? fallback);
  };
  const lockSeconds = read('lockSeconds');
  const policy: PsuLockoutPolicy = {
    maxFailures: read('maxFailures'),
    lockSeconds,
    backoffFactor: read('backoffFactor'),
    maxLockSeconds: section['maxLockSeconds'] === undefined ? Math.max(PSU_LOCKOUT_DEFAULTS.maxLockSeconds, lockSeconds) : read('maxLockSeconds'),
    resetSeconds: read('resetSeconds'),
  };
  if (policy.maxLockSeconds < policy.lockSeconds) {
    checker.fail(childPath(path, 'maxLockSeconds'), policy.maxLockSeconds, `at least lockSeconds (${policy.lockSeconds})`);
  }
  return policy;
}
