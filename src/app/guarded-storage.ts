import { temporarilyUnavailable } from '../errors/error-factories.js';
import { OAuthError } from '../errors/oauth-error.js';
import type { Storage } from '../storage/ports.js';
import { trackAvailability, type StorageAvailability, type StorageAvailabilityListener } from '../storage/storage-availability.js';
import { storageFault } from '../storage/storage-faults.js';

/** Options of {@link guardStorage}. */
export interface StorageGuardOptions {
  /** `Retry-After` of the 503, in seconds. */
  readonly retryAfterSeconds: number;
  /** Told once when the database becomes unavailable and once when it serves again. */
  readonly availability: StorageAvailabilityListener;
}

const describe = (error: unknown): string => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

/** A function that runs a storage operation and turns its availability failures into the 503. */
type Guard = <T>(operation: () => T) => T;

/** When `error` is a {@link storageFault}, reports it to `availability` and resolves its detail for the log. */
function reportFault(availability: StorageAvailability, error: unknown): string | undefined {
  const fault = storageFault(error);
  if (fault === undefined) return undefined;
  const detail = `database ${fault}: ${describe(error)}`;
  availability.failed(fault, detail);
  return detail;
}

function createGuard(availability: StorageAvailability, retryAfterSeconds: number): Guard {
  const mapped = (error: unknown): unknown => {
    if (error instanceof OAuthError) return error;
    const detail = reportFault(availability, error);
    if (detail === undefined) return error;
    return temporarilyUnavailable('The service is temporarily unavailable', 'storage_unavailable', retryAfterSeconds, 503, { detail });
  };
  const succeeded = <T>(value: T): T => {
    availability.succeeded();
    return value;
  };
  return <T>(operation: () => T): T => {
    let result: T;
    try {
      result = operation();
    } catch (error) {
      throw mapped(error);
    }
    if (!(result instanceof Promise)) return result;
    return result.then(succeeded, (error: unknown) => Promise.reject(mapped(error))) as T;
  };
}

/** `repository` whose methods run under `guard` (with `this` the repository itself, so private fields work). */
function guarded<R extends object>(repository: R, guard: Guard): R {
  const methods = new Map<PropertyKey, unknown>();
  return new Proxy(repository, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      let method = methods.get(property);
      if (method === undefined) {
        method = (...args: unknown[]) => guard(() => (value as (...args: unknown[]) => unknown).apply(target, args));
        methods.set(property, method);
      }
      return method;
    },
  });
}

/**
 * The seam between storage and the protocol (app wiring, so that storage/ never imports errors/): `storage` whose failures of availability (see {@link storageFault}: refused or lost connections, connect and query
 * timeouts, statements the server cancelled, SQLite busy) reject as one OAuthError, `temporarily_unavailable` (503,
 * reason `storage_unavailable`, `Retry-After`), whatever repository (every object-valued member of `storage`, so a
 * repository added to the port is guarded too), transaction or adapter they came from; other failures pass unchanged. Every outcome is reported to `availability`. `ping` keeps its own failures (readiness names
 * them) but reports them too; `migrate` and `close` are not guarded.
 */
export function guardStorage(storage: Storage, options: StorageGuardOptions): Storage {
  const availability = trackAvailability(options.availability);
  const guard = createGuard(availability, options.retryAfterSeconds);
  const repositories = Object.entries(storage).filter((entry): entry is [string, object] => typeof entry[1] === 'object' && entry[1] !== null);
  return {
    ...storage,
    ...Object.fromEntries(repositories.map(([name, repository]) => [name, guarded(repository, guard)])),
    withTransaction: (work) => guard(() => storage.withTransaction(work)),
    ping: async (timeoutMs) => {
      try {
        await storage.ping(timeoutMs);
        availability.succeeded();
      } catch (error) {
        reportFault(availability, error);
        throw error;
      }
    },
  };
}
