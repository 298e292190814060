import type { ClientRecord } from '../ports.js';

const MAX_ENTRIES = 10_000;

/**
 * Parsed client records, reused only while the row's `updated_at` (read fresh from the database on every lookup)
 * is unchanged. Writes make `updated_at` strictly increase, so a record changed or replaced by any process is never
 * served stale; the cache only saves fetching and parsing the metadata on the token endpoint's hot path.
 */
export class ClientRecordCache {
  readonly #records = new Map<string, ClientRecord>();

  /** The cached record when it is still the version stored with `updatedAtMs`. */
  current(clientId: string, updatedAtMs: number): ClientRecord | undefined {
    const record = this.#records.get(clientId);
    return record !== undefined && record.updatedAt.getTime() === updatedAtMs ? record : undefined;
  }

  /** The record last remembered for `clientId`, whatever the row's version is now. */
  latest(clientId: string): ClientRecord | undefined {
    return this.#records.get(clientId);
  }

  remember(record: ClientRecord): ClientRecord {
    if (this.#records.size >= MAX_ENTRIES) this.#records.clear();
    this.#records.set(record.clientId, record);
    return record;
  }

  forget(clientId: string): void {
    this.#records.delete(clientId);
  }
}
