import type { StorageFault } from './storage-faults.js';

/** Told when the database stops and starts serving: once per outage each, however many requests fail meanwhile. */
export interface StorageAvailabilityListener {
  /** The database became unavailable: the first failure's fault and internal detail (for the log only). */
  unavailable(fault: StorageFault, detail: string): void;
  /** It serves again, after an outage of `outageMs`. */
  available(outageMs: number): void;
}

/** What a storage operation reports to a {@link StorageAvailability}. */
export interface StorageAvailability {
  failed(fault: StorageFault, detail: string): void;
  succeeded(): void;
}

/**
 * A success only ends an outage once no failure was seen for this long: while one table is locked, reads succeed
 * between failing writes, and the outage must not be reported over and over.
 */
const RECOVERY_QUIET_MS = 1000;

/**
 * Follows the database's availability from the outcomes of storage operations: the first failure opens an outage, the
 * first success at least {@link RECOVERY_QUIET_MS} after the last failure closes it. Cheap when all is well (one
 * boolean test per success).
 */
export function trackAvailability(listener: StorageAvailabilityListener, clock: () => number = Date.now): StorageAvailability {
  let since: number | undefined;
  let lastFailure = 0;
  return {
    failed(fault, detail) {
      lastFailure = clock();
      if (since !== undefined) return;
      since = lastFailure;
      listener.unavailable(fault, detail);
    },
    succeeded() {
      if (since === undefined) return;
      const now = clock();
      if (now - lastFailure < RECOVERY_QUIET_MS) return;
      const outageMs = now - since;
      since = undefined;
      listener.available(outageMs);
    },
  };
}
