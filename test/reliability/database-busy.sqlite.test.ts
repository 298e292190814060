import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientCredentialsToken, postAs, startAuthorizationFixture, type AuthorizationFixture } from '../authorization/authorization-fixture.js';
import { createUkConsent } from '../support/uk-consent-client.js';

/** Each answer while the write lock is held elsewhere comes within this (default busy timeout: 1 s). */
const ANSWER_BOUND_MS = 2500;

const timed = async <T>(work: () => Promise<T>): Promise<T & { ms: number }> => {
  const started = performance.now();
  const result = await work();
  return { ...result, ms: performance.now() - started };
};

describe('SQLite whose write lock another connection holds: 503 with Retry-After after the busy timeout, then recovery', () => {
  let fixture: AuthorizationFixture;
  let locker: BetterSqlite3.Database;
  const logLines: string[] = [];

  const token = () => timed(() => postAs(fixture, '/token', fixture.a, { grant_type: 'client_credentials', scope: 'accounts' }));
  const logged = (message: string) => logLines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((line) => line['msg'] === message);

  /** Waits for the log line saying the database serves again (written on the first success after a quiet second). */
  async function recoveryLogged(count: number): Promise<void> {
    for (let tries = 0; tries < 30 && logged('database available again').length < count; tries += 1) {
      await new Promise((pause) => setTimeout(pause, 100));
      expect((await token()).status).toBe(200);
    }
    expect(logged('database available again')).toHaveLength(count);
  }

  beforeAll(async () => {
    fixture = await startAuthorizationFixture({ profile: 'uk-ob', logLines });
    locker = new BetterSqlite3(join(fixture.server.dataDir, 'obas.db'));
  });

  afterAll(async () => {
    if (locker?.inTransaction) locker.exec('ROLLBACK');
    locker?.close();
    await fixture?.close();
  });

  it('answers token requests (group-committed writes) 503 while locked, each waiting once, and serves once the lock is released', async () => {
    expect((await token()).status).toBe(200);
    locker.exec('BEGIN IMMEDIATE');
    const answers = await Promise.all(Array.from({ length: 5 }, token));
    for (const answer of answers) {
      expect(answer.status).toBe(503);
      expect(answer.json).toMatchObject({ error: 'temporarily_unavailable' });
      expect(answer.json['error_description']).toMatch(/^U000 UK\.OBIE\.UnexpectedError: /);
      expect(answer.headers.get('retry-after')).toBe('5');
      expect(answer.ms).toBeLessThan(ANSWER_BOUND_MS);
    }
    const alone = await token();
    expect(alone.status).toBe(503);
    expect(alone.ms).toBeLessThan(ANSWER_BOUND_MS);
    expect(alone.ms).toBeGreaterThanOrEqual(900);

    locker.exec('ROLLBACK');
    expect((await token()).status).toBe(200);
    await recoveryLogged(1);
  });

  it('answers the UK consent API (Kysely writes) with the UK error body and Retry-After while locked', async () => {
    const accessToken = await clientCredentialsToken(fixture, fixture.a, 'accounts');
    locker.exec('BEGIN IMMEDIATE');
    const refused = await timed(() => createUkConsent(fixture, fixture.a, 'account-access-consents', 'v3.1', undefined, { token: accessToken }));
    locker.exec('ROLLBACK');
    expect(refused.status).toBe(503);
    expect(refused.ms).toBeLessThan(ANSWER_BOUND_MS);
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(refused.json).toMatchObject({ Code: '503 ServiceUnavailable', Errors: [{ ErrorCode: 'UK.OBIE.UnexpectedError' }] });

    const created = await createUkConsent(fixture, fixture.a, 'account-access-consents', 'v3.1', undefined, { token: accessToken });
    expect(created.status).toBe(201);
    await recoveryLogged(2);
  });

  it('logs each outage once, and no error line per refused request', () => {
    const outages = logged('database unavailable; answering 503 until it serves again');
    expect(outages).toHaveLength(2);
    expect(outages[0]).toMatchObject({ level: 40, fault: 'busy' });
    expect(String(outages[0]?.['detail'])).toMatch(/^database busy: SqliteError: database is locked/);
    expect(logged('database available again')).toHaveLength(2);
    expect(logged('request failed')).toEqual([]);
    const refused = logged('request').filter((line) => line['status'] === 503);
    expect(refused).toHaveLength(7);
    expect(refused.every((line) => line['reason'] === 'storage_unavailable')).toBe(true);
  });
});
