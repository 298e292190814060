import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuthorizationFixture, type AuthorizationFixture } from '../authorization/authorization-fixture.js';
import { post, sandboxPsus, startLogin, WRONG_PASSWORD } from './psu-lockout-fixture.js';

describe('PSU login: an unknown username is not faster to refuse than a known one', () => {
  let fixture: AuthorizationFixture;

  beforeAll(async () => {
    fixture = await startAuthorizationFixture({ profile: 'stet', extra: { psuLockout: { maxFailures: 100 }, sandbox: { psus: await sandboxPsus(['costly', 'plain'], true) } } });
  });

  afterAll(async () => {
    await fixture?.close();
  });

  it('costs an unknown username the password hashing of a configured PSU, even a costlier one than the default', async () => {
    const timed = async (username: string) => {
      const session = await startLogin(fixture, fixture.psu);
      const start = performance.now();
      expect((await post(fixture.psu, session, '/login', { username, password: 'wrong' })).body).toContain(WRONG_PASSWORD);
      return performance.now() - start;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 5; i++) {
      known.push(await timed('costly'));
      unknown.push(await timed(`nobody-${randomUUID()}`));
    }
    const median = (values: number[]) => values.sort((a, b) => a - b)[2] ?? 0;
    expect(median(unknown)).toBeGreaterThan(0.6 * median(known));
  });
});
