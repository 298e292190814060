import type { Kysely, Selectable } from 'kysely';
import type { Pool } from 'pg';
import type { AccessTokensTable, ObasDatabase } from '../database.types.js';
import { KyselyAccessTokenRepository } from '../kysely/kysely-access-tokens.repository.js';
import { ACCESS_TOKEN_COLUMNS, accessTokenFromRow, accessTokenValues } from '../mapping/access-token.mapping.js';
import type { AccessTokenRecord } from '../ports.js';

const INSERT_ACCESS_TOKEN_SQL = `INSERT INTO access_tokens (${ACCESS_TOKEN_COLUMNS})
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`;
const FIND_ACCESS_TOKEN_SQL = `SELECT ${ACCESS_TOKEN_COLUMNS} FROM access_tokens WHERE token_hash = $1`;

/**
 * PostgreSQL access tokens: `insert` and `findByHash` are named prepared statements (parsed once per pooled
 * connection); the rest is Kysely.
 */
export class PgAccessTokenRepository extends KyselyAccessTokenRepository {
  readonly #pool: Pool;

  constructor(pool: Pool, db: Kysely<ObasDatabase>) {
    super(db);
    this.#pool = pool;
  }

  async insert(token: AccessTokenRecord): Promise<void> {
    await this.#pool.query({
      name: 'obas_insert_access_token',
      text: INSERT_ACCESS_TOKEN_SQL,
      values: accessTokenValues(token),
    });
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
