import type { Database } from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { ObasDatabase } from '../database.types.js';
import { KyselyClientRepository } from '../kysely/kysely-clients.repository.js';
import { CLIENT_COLUMNS, clientFromRow, type ClientRow } from '../mapping/client.mapping.js';
import type { ClientRecord } from '../ports.js';
import type { SqliteBusyWait } from './sqlite-busy-wait.js';
import { tickBatcher } from '../tick-batcher.js';
import { preparedOnce, type LazyStatement } from './sqlite-prepared.js';

/** Most lookups answered by one batch; more are split. */
const MAX_LOOKUPS_PER_BATCH = 10_000;

/**
 * SQLite clients: `find` checks the row version, then reuses the cached record or reads the row; the rest is Kysely.
 * The lookups made during one event-loop turn are answered together at the next `setImmediate`, with one read of each
 * distinct client's version: a burst of one TPP's requests costs one read, and since the read follows every request
 * it answers, a change committed by another process before a request arrived is always seen.
 */
export class SqliteClientRepository extends KyselyClientRepository {
  readonly #find: LazyStatement<[string], ClientRow>;
  readonly #version: (clientId: string) => Promise<number | undefined>;
  readonly #busyWait: SqliteBusyWait;

  constructor(database: Database, db: Kysely<ObasDatabase>, busyWait: SqliteBusyWait) {
    super(db);
    this.#busyWait = busyWait;
    this.#find = preparedOnce(database, `SELECT ${CLIENT_COLUMNS} FROM clients WHERE client_id = ?`);
    const version = preparedOnce<[string], { updated_at: number }>(database, 'SELECT updated_at FROM clients WHERE client_id = ?');
    const read = async (clientId: string): Promise<number | undefined> => (await busyWait.read(() => version().get(clientId)))?.updated_at;
    this.#version = tickBatcher<string, number | undefined>({
      one: read,
      many: async (clientIds) => {
        const versions = new Map<string, number | undefined>();
        for (const clientId of clientIds) if (!versions.has(clientId)) versions.set(clientId, await read(clientId));
        return clientIds.map((clientId) => versions.get(clientId));
      },
      maxBatch: MAX_LOOKUPS_PER_BATCH,
    });
  }

  async find(clientId: string): Promise<ClientRecord | undefined> {
    const updatedAt = await this.#version(clientId);
    if (updatedAt === undefined) return undefined;
    const cached = this.cache.current(clientId, updatedAt);
    if (cached !== undefined) return cached;
    const row = await this.#busyWait.read(() => this.#find().get(clientId));
    return row === undefined ? undefined : this.cache.remember(clientFromRow(row));
  }
}
