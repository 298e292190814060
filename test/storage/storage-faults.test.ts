import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { TimeoutError } from '../../src/shared/with-timeout.js';
import { trackAvailability } from '../../src/storage/storage-availability.js';
import { storageFault } from '../../src/storage/storage-faults.js';

const coded = (code: string, message = code) => Object.assign(new Error(message), { code });
const sqlState = (code: string) => Object.assign(new pg.DatabaseError('server says no', 0, 'error'), { code });

describe('storageFault: which failures mean the database is unavailable', () => {
  it.each([
    ['a refused connection', coded('ECONNREFUSED'), 'unreachable'],
    ['a reset connection', coded('ECONNRESET'), 'unreachable'],
    ['an unknown host', coded('ENOTFOUND'), 'unreachable'],
    ['a refused connection to every address', new AggregateError([coded('ECONNREFUSED')], 'connect failed'), 'unreachable'],
    ['a connection the server ended', new Error('Connection terminated unexpectedly'), 'unreachable'],
    ['a broken client', new Error('Client has encountered a connection error and is not queryable'), 'unreachable'],
    ['a connection failure (SQLSTATE class 08)', sqlState('08006'), 'unreachable'],
    ['a server shutting down', sqlState('57P01'), 'unreachable'],
    ['a server starting up', sqlState('57P03'), 'unreachable'],
    ['no connection slot left', sqlState('53300'), 'unreachable'],
    ['a connect timeout of the pool', new Error('timeout exceeded when trying to connect'), 'timeout'],
    ['a connect timeout of a new connection', new Error('Connection terminated due to connection timeout', { cause: new Error('timeout expired') }), 'timeout'],
    ['a query timeout', new Error('Query read timeout'), 'timeout'],
    ['a statement_timeout', sqlState('57014'), 'timeout'],
    ['a lock_timeout', sqlState('55P03'), 'timeout'],
    ['an idle_in_transaction_session_timeout', sqlState('25P03'), 'timeout'],
    ['a readiness ping timeout', new TimeoutError('PostgreSQL did not answer within 1000 ms'), 'timeout'],
    ['a socket timeout', coded('ETIMEDOUT'), 'timeout'],
    ['SQLite locked by another connection', coded('SQLITE_BUSY', 'database is locked'), 'busy'],
    ['SQLite busy recovering', coded('SQLITE_BUSY_RECOVERY'), 'busy'],
    ['SQLite table locked', coded('SQLITE_LOCKED'), 'busy'],
    ['a discarded connection, by its cause', new Error('connection discarded after it failed', { cause: new Error('Query read timeout') }), 'timeout'],
  ])('%s is %s', (_, error, fault) => {
    expect(storageFault(error)).toBe(fault);
  });

  it.each([
    ['a unique violation', sqlState('23505')],
    ['a syntax error', sqlState('42601')],
    ['a serialization failure', sqlState('40001')],
    ['SQLite constraint', coded('SQLITE_CONSTRAINT_PRIMARYKEY')],
    ['a plain bug', new TypeError('cannot read properties of undefined')],
    ['a closed pool', new Error('Cannot use a pool after calling end on the pool')],
    ['not an error at all', 'ECONNREFUSED'],
    ['nothing', undefined],
  ])('%s is not a fault of availability', (_, error) => {
    expect(storageFault(error)).toBeUndefined();
  });
});

describe('trackAvailability: one report per outage', () => {
  function tracked() {
    let now = 0;
    const events: string[] = [];
    const availability = trackAvailability(
      { unavailable: (fault, detail) => events.push(`down ${fault} ${detail}`), available: (outageMs) => events.push(`up after ${outageMs}`) },
      () => now,
    );
    return { availability, events, at: (ms: number) => (now = ms) };
  }

  it('reports the first failure of an outage and the first success a quiet second after its last failure', () => {
    const { availability, events, at } = tracked();
    availability.succeeded();
    at(100);
    availability.failed('timeout', 'first');
    at(900);
    availability.failed('unreachable', 'second');
    at(1500);
    availability.succeeded();
    at(1899);
    availability.succeeded();
    at(1900);
    availability.succeeded();
    availability.succeeded();
    expect(events).toEqual(['down timeout first', 'up after 1800']);
  });

  it('keeps one outage while successes and failures interleave (a locked table, readable others)', () => {
    const { availability, events, at } = tracked();
    for (let ms = 0; ms < 5000; ms += 100) {
      at(ms);
      availability.succeeded();
      availability.failed('timeout', `at ${ms}`);
    }
    at(6000);
    availability.succeeded();
    at(7000);
    availability.failed('busy', 'again');
    expect(events).toEqual(['down timeout at 0', 'up after 6000', 'down busy again']);
  });
});
