import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error.js';
import { loadConfig } from '../../src/config/load-config.ts';
import { tempDir, writeText } from './config-fixtures.ts';

/** Loads `settings` (as JSON) with `env`. */
async function load(settings: unknown, env: Record<string, string> = {}) {
  const dir = tempDir();
  return { dir, config: await loadConfig({ configPath: writeText(dir, 'obas.json', JSON.stringify(settings)), env, cwd: dir }) };
}

/** The problems loading `settings` with `env` reports, as `key: problem` lines. */
async function problems(settings: unknown, env: Record<string, string> = {}): Promise<string[]> {
  const error = await load(settings, env).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return (error as ConfigError).issues.map((issue) => `${issue.key}: ${issue.problem}`);
}

describe('the database section: timeouts and Retry-After', () => {
  it('defaults to answering within about two seconds whatever the database does', async () => {
    const config = await loadConfig({ env: {}, cwd: tempDir() });
    expect(config.database).toEqual({
      connectTimeoutMs: 1000,
      queryTimeoutMs: 1500,
      statementTimeoutMs: 1000,
      idleInTransactionTimeoutMs: 10_000,
      sqliteBusyTimeoutMs: 1000,
      sqliteCommitWindowMs: 1,
      retryAfterSeconds: 5,
      accessTokenCommit: 'asynchronous',
    });
    expect(config).not.toHaveProperty('databaseUrl');
  });

  it('reads every key from the file, beside url and sqliteFile', async () => {
    const database = {
      url: 'postgres://obas@db.internal/obas',
      sqliteFile: 'db/obas.sqlite',
      connectTimeoutMs: 500,
      queryTimeoutMs: 3000,
      statementTimeoutMs: 0,
      idleInTransactionTimeoutMs: 0,
      sqliteBusyTimeoutMs: 0,
      sqliteCommitWindowMs: 0,
      retryAfterSeconds: 30,
      accessTokenCommit: 'synchronous',
    };
    const { dir, config } = await load({ database });
    expect(config.databaseUrl).toBe(database.url);
    expect(config.sqliteFile).toBe(join(dir, 'db/obas.sqlite'));
    expect(config.database).toEqual({
      connectTimeoutMs: 500,
      queryTimeoutMs: 3000,
      statementTimeoutMs: 0,
      idleInTransactionTimeoutMs: 0,
      sqliteBusyTimeoutMs: 0,
      sqliteCommitWindowMs: 0,
      retryAfterSeconds: 30,
      accessTokenCommit: 'synchronous',
    });
  });

  it('takes environment variables over the file', async () => {
    const env = {
      OBAS_DATABASE_CONNECT_TIMEOUT_MS: '2000',
      OBAS_DATABASE_QUERY_TIMEOUT_MS: '4000',
      OBAS_DATABASE_STATEMENT_TIMEOUT_MS: '3500',
      OBAS_DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: '60000',
      OBAS_DATABASE_SQLITE_BUSY_TIMEOUT_MS: '250',
      OBAS_DATABASE_SQLITE_COMMIT_WINDOW_MS: '5',
      OBAS_DATABASE_RETRY_AFTER_SECONDS: '1',
      OBAS_DATABASE_ACCESS_TOKEN_COMMIT: 'synchronous',
    };
    const { config } = await load({ database: { queryTimeoutMs: 900, retryAfterSeconds: 9 } }, env);
    expect(config.database).toEqual({
      connectTimeoutMs: 2000,
      queryTimeoutMs: 4000,
      statementTimeoutMs: 3500,
      idleInTransactionTimeoutMs: 60_000,
      sqliteBusyTimeoutMs: 250,
      sqliteCommitWindowMs: 5,
      retryAfterSeconds: 1,
      accessTokenCommit: 'synchronous',
    });
  });

  it('refuses values out of range, of the wrong type, and unknown keys, naming each', async () => {
    expect(
      await problems({
        database: {
          connectTimeoutMs: 50,
          queryTimeoutMs: '1s',
          idleInTransactionTimeoutMs: -1,
          sqliteBusyTimeoutMs: 60_001,
          sqliteCommitWindowMs: 21,
          retryAfterSeconds: 0,
          accessTokenCommit: 'off',
          queryTimeoutMS: 1000,
        },
      }),
    ).toEqual([
      'database.queryTimeoutMS: got an unknown key, expected queryTimeoutMs (or another of url, sqliteFile, connectTimeoutMs, queryTimeoutMs, statementTimeoutMs, idleInTransactionTimeoutMs, sqliteBusyTimeoutMs, sqliteCommitWindowMs, retryAfterSeconds, accessTokenCommit)',
      'database.connectTimeoutMs: got 50, expected an integer 100–60000 ms',
      'database.queryTimeoutMs: got "1s", expected an integer 100–600000 ms',
      'database.idleInTransactionTimeoutMs: got -1, expected an integer 0–3600000 ms (0: the server setting)',
      'database.sqliteBusyTimeoutMs: got 60001, expected an integer 0–60000 ms',
      'database.sqliteCommitWindowMs: got 21, expected an integer 0–20 ms (0: commit at the next event-loop turn)',
      'database.retryAfterSeconds: got 0, expected an integer 1–3600 s',
      'database.accessTokenCommit: got "off", expected one of synchronous, asynchronous',
    ]);
    expect(await problems({ database: 'postgres://db' })).toEqual(['database: got "postgres://db", expected an object']);
  });

  it('refuses a statement timeout that does not come before the query timeout', async () => {
    expect(await problems({ database: { statementTimeoutMs: 1500 } })).toEqual([
      'database.statementTimeoutMs: got 1500, expected less than database.queryTimeoutMs (1500), so that the server cancels a slow statement before obas drops its connection',
    ]);
    expect(await problems({ database: { statementTimeoutMs: 2000 } }, { OBAS_DATABASE_QUERY_TIMEOUT_MS: '1200' })).toEqual([
      'database.statementTimeoutMs: got 2000, expected less than OBAS_DATABASE_QUERY_TIMEOUT_MS (1200), so that the server cancels a slow statement before obas drops its connection',
    ]);
  });

  it('names the environment variable a bad value came from', async () => {
    expect(await problems({}, { OBAS_DATABASE_RETRY_AFTER_SECONDS: 'soon' })).toEqual([
      'OBAS_DATABASE_RETRY_AFTER_SECONDS: got "soon", expected an integer 1–3600 s',
    ]);
  });
});
