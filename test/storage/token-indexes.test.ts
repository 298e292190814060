import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresAvailable } from '../support/postgres.js';
import { newPostgresTarget, newSqliteTarget, type NewStorageTarget, type StorageTarget } from './storage-targets.js';

/** The lookups of token rows by grant or parent, as the repositories make them (revocation cascades, rotation checks). */
const LOOKUPS = {
  refreshTokensOfGrant: 'SELECT token_hash FROM refresh_tokens WHERE grant_id = $1',
  refreshTokensOfConsent: 'SELECT token_hash FROM refresh_tokens WHERE grant_id IN (SELECT grant_id FROM grants WHERE intent_id = $1)',
  successorOfRefreshToken: 'SELECT token_hash FROM refresh_tokens WHERE parent_hash = $1',
} as const;

/** How housekeeping picks expired access tokens (`kysely/expired-rows.ts`): by key range, and those keyed by hash alone. */
const EXPIRED_ACCESS_TOKENS = {
  'expired access tokens keyed by issue time': 'SELECT token_hash FROM access_tokens WHERE token_hash < $1 AND expires_at < 0 LIMIT 500',
  'expired access tokens keyed by hash alone': 'SELECT token_hash FROM access_tokens WHERE length(token_hash) <> 55 AND expires_at < 0 LIMIT 500',
} as const;

/** What a test needs of a migrated database: each index's definition and the plan of a query. */
interface Inspector {
  /** The index's definition; `undefined` when there is no such index. */
  indexDefinition(index: string): Promise<string | undefined>;
  plan(query: string): Promise<string>;
  close(): Promise<void>;
}

function sqliteInspector(file: string): Inspector {
  const database = new BetterSqlite3(file, { readonly: true });
  return {
    indexDefinition: async (index) => database.prepare<[string], string>('SELECT sql FROM sqlite_master WHERE name = ?').pluck().get(index),
    plan: async (query) =>
      (database.prepare(`EXPLAIN QUERY PLAN ${query.replaceAll('$1', "'x'")}`).all() as { detail: string }[]).map((row) => row.detail).join('\n'),
    close: async () => void database.close(),
  };
}

async function postgresInspector(url: string): Promise<Inspector> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  // An empty table is cheapest to scan: ask for the plan a large one gets.
  await client.query('SET enable_seqscan = off');
  return {
    indexDefinition: async (index) =>
      (await client.query<{ indexdef: string }>('SELECT indexdef FROM pg_indexes WHERE indexname = $1', [index])).rows[0]?.indexdef,
    plan: async (query) =>
      (await client.query(`EXPLAIN ${query.replaceAll('$1', "'x'")}`)).rows.map((row: Record<string, string>) => row['QUERY PLAN']).join('\n'),
    close: () => client.end(),
  };
}

function tokenIndexes(newTarget: NewStorageTarget, inspect: (target: StorageTarget) => Promise<Inspector>): void {
  let target: StorageTarget;
  let inspector: Inspector;
  beforeAll(async () => {
    target = await newTarget();
    await (await target.open()).close();
    inspector = await inspect(target);
  });
  afterAll(async () => {
    await inspector?.close();
    await target?.dispose();
  });

  it('indexes only the non-null parent of refresh tokens, and access tokens not by grant (a grant check consults the grant)', async () => {
    expect(await inspector.indexDefinition('refresh_tokens_parent_hash_idx')).toMatch(/where\s+\(?"?parent_hash"?\s+is not null/i);
    expect(await inspector.indexDefinition('refresh_tokens_grant_id_idx')).toBeDefined();
    expect(await inspector.indexDefinition('access_tokens_grant_id_idx')).toBeUndefined();
  });

  it('indexes access tokens not by client (a token check consults the client)', async () => {
    expect(await inspector.indexDefinition('access_tokens_client_id_idx')).toBeUndefined();
  });

  it('indexes the expiry of access tokens keyed by hash alone (earlier versions) only: newer keys start with the issue time', async () => {
    expect(await inspector.indexDefinition('access_tokens_expires_at_idx')).toBeUndefined();
    expect(await inspector.indexDefinition('access_tokens_unkeyed_expires_at_idx')).toMatch(/where\s+\(?length\(\(?"?token_hash"?(::text)?\)?\)\s+<>\s+55/i);
  });

  it.each(Object.entries(EXPIRED_ACCESS_TOKENS))('finds %s through an index', async (_name, query) => {
    const plan = await inspector.plan(query);
    expect(plan).toMatch(/access_tokens_pkey|USING PRIMARY KEY|access_tokens_unkeyed_expires_at_idx/);
    expect(plan).not.toMatch(/SCAN access_tokens\b(?! USING)|Seq Scan on access_tokens/);
  });

  it.each(Object.entries(LOOKUPS))('still finds the rows of %s through an index', async (_name, query) => {
    const plan = await inspector.plan(query);
    expect(plan).toMatch(/refresh_tokens_grant_id_idx|refresh_tokens_parent_hash_idx/);
    expect(plan).not.toMatch(/SCAN refresh_tokens\b(?! USING)|Seq Scan on refresh_tokens/);
  });
}

describe('sparse token indexes: SQLite', () => {
  tokenIndexes(newSqliteTarget, async (target) => sqliteInspector(target.location.sqliteFile));
});

describe.skipIf(!postgresAvailable)('sparse token indexes: PostgreSQL', () => {
  tokenIndexes(newPostgresTarget, (target) => postgresInspector(target.location.databaseUrl as string));
});
