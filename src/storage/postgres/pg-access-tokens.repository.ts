import type { Kysely, Selectable } from 'kysely';
import type { Pool } from 'pg';
import type { AccessTokensTable, ObasDatabase } from '../database.types.js';
import { KyselyAccessTokenRepository } from '../kysely/kysely-access-tokens.repository.js';
import { ACCESS_TOKEN_COLUMNS, ACCESS_TOKEN_COLUMN_TYPES, accessTokenFromRow, accessTokenValues } from '../mapping/access-token.mapping.js';
import type { AccessTokenRecord } from '../ports.js';
import { tickBatcher } from '../tick-batcher.js';

const COLUMN_COUNT = ACCESS_TOKEN_COLUMN_TYPES.length;

/** Column-wise arrays of the rows' values, for `unnest`. */
function columnsOf(rows: readonly (readonly unknown[])[], columnCount = COLUMN_COUNT): unknown[][] {
  return Array.from({ length: columnCount }, (_, column) => rows.map((row) => row[column]));
}

/** A token to insert only if its client's row still has this `updated_at`. */
interface ConditionalToken {
  readonly token: AccessTokenRecord;
  readonly clientUpdatedAt: Date;
}

/** `$1, $2, …` for one row of the columns. */
const VALUES = ACCESS_TOKEN_COLUMN_TYPES.map((_, index) => `$${index + 1}`).join(', ');
/** `unnest($1::text[], …)` over one array per column, then any `extra` typed arrays. */
const unnestOf = (...extra: string[]): string =>
  `unnest(${[...ACCESS_TOKEN_COLUMN_TYPES, ...extra].map((type, index) => `$${index + 1}::${type}[]`).join(', ')})`;

const INSERT_ACCESS_TOKEN_SQL = `INSERT INTO access_tokens (${ACCESS_TOKEN_COLUMNS}) VALUES (${VALUES})`;
const INSERT_ACCESS_TOKENS_SQL = `INSERT INTO access_tokens (${ACCESS_TOKEN_COLUMNS}) SELECT * FROM ${unnestOf()}`;
const INSERT_ACCESS_TOKENS_IF_CLIENT_UNCHANGED_SQL = `INSERT INTO access_tokens (${ACCESS_TOKEN_COLUMNS})
  SELECT ${ACCESS_TOKEN_COLUMNS}
  FROM ${unnestOf('int8')} AS t(${ACCESS_TOKEN_COLUMNS}, client_updated_at)
  WHERE EXISTS (SELECT 1 FROM clients c WHERE c.client_id = t.client_id AND c.updated_at = t.client_updated_at)
  RETURNING token_hash`;
const MAX_TOKENS_PER_INSERT = 500;
const FIND_ACCESS_TOKEN_SQL = `SELECT ${ACCESS_TOKEN_COLUMNS} FROM access_tokens WHERE token_hash = $1`;

/** The pools of {@link PgAccessTokenRepository}: the same one, or a second one whose sessions commit asynchronously. */
export interface AccessTokenPools {
  readonly reads: Pool;
  readonly inserts: Pool;
}

/**
 * PostgreSQL access tokens: the inserts and `findByHash` are named prepared statements (parsed once per pooled
 * connection), and the tokens inserted during one event-loop turn go in one multi-row INSERT (one per kind of insert:
 * plain, or conditional on the client's row version), on the `inserts` pool;
 * the rest (revocations included) is Kysely, on the request pool.
 */
export class PgAccessTokenRepository extends KyselyAccessTokenRepository {
  readonly #pool: Pool;
  readonly #insert: (token: AccessTokenRecord) => Promise<void>;
  readonly #insertIfClientUnchanged: (conditional: ConditionalToken) => Promise<boolean>;

  constructor(pools: AccessTokenPools, db: Kysely<ObasDatabase>) {
    super(db);
    this.#pool = pools.reads;
    const pool = pools.inserts;
    this.#insert = tickBatcher<AccessTokenRecord, void>({
      one: async (token) => {
        await pool.query({ name: 'obas_insert_access_token', text: INSERT_ACCESS_TOKEN_SQL, values: accessTokenValues(token) });
      },
      many: async (tokens) => {
        await pool.query({ name: 'obas_insert_access_tokens', text: INSERT_ACCESS_TOKENS_SQL, values: columnsOf(tokens.map(accessTokenValues)) });
        return tokens.map(() => undefined);
      },
      maxBatch: MAX_TOKENS_PER_INSERT,
    });
    const insertIfClientUnchanged = async (batch: readonly ConditionalToken[]): Promise<boolean[]> => {
      const rows = batch.map(({ token, clientUpdatedAt }) => [...accessTokenValues(token), clientUpdatedAt.getTime()]);
      const { rows: inserted } = await pool.query<{ token_hash: string }>({
        name: 'obas_insert_access_tokens_if_client_unchanged',
        text: INSERT_ACCESS_TOKENS_IF_CLIENT_UNCHANGED_SQL,
        values: columnsOf(rows, COLUMN_COUNT + 1),
      });
      const stored = new Set(inserted.map((row) => row.token_hash));
      return batch.map(({ token }) => stored.has(token.tokenHash));
    };
    this.#insertIfClientUnchanged = tickBatcher<ConditionalToken, boolean>({
      one: async (conditional) => (await insertIfClientUnchanged([conditional]))[0] === true,
      many: insertIfClientUnchanged,
      maxBatch: MAX_TOKENS_PER_INSERT,
    });
  }

  insert(token: AccessTokenRecord): Promise<void> {
    return this.#insert(token);
  }

  insertIfClientUnchanged(token: AccessTokenRecord, clientUpdatedAt: Date): Promise<boolean> {
    return this.#insertIfClientUnchanged({ token, clientUpdatedAt });
  }

  async findByHash(tokenHash: string): Promise<AccessTokenRecord | undefined> {
    const { rows } = await this.#pool.query<Selectable<AccessTokensTable>>({
      name: 'obas_find_access_token',
      text: FIND_ACCESS_TOKEN_SQL,
      values: [tokenHash],
    });
    const row = rows[0];
    return row === undefined ? undefined : accessTokenFromRow(row);
  }
}
