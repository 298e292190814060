/**
 * Why the database could not serve, when the failure is the database's availability rather than the request:
 * `unreachable` (refused, reset or ended connections, a server shutting down or out of connection slots), `timeout`
 * (no connection or no answer in time, a statement the server cancelled after `statement_timeout`, a lock it gave up
 * waiting for) or `busy` (SQLite: another connection held the write lock beyond the busy timeout).
 */
export type StorageFault = 'unreachable' | 'timeout' | 'busy';

/** Node.js socket and DNS errors, and PostgreSQL SQLSTATEs (Appendix A) outside class 08 that mean "not now". */
const FAULT_BY_CODE: ReadonlyMap<string, StorageFault> = new Map([
  ['ECONNREFUSED', 'unreachable'],
  ['ECONNRESET', 'unreachable'],
  ['ECONNABORTED', 'unreachable'],
  ['EPIPE', 'unreachable'],
  ['ENOTFOUND', 'unreachable'],
  ['EAI_AGAIN', 'unreachable'],
  ['EHOSTUNREACH', 'unreachable'],
  ['ENETUNREACH', 'unreachable'],
  ['ETIMEDOUT', 'timeout'],
  ['57014', 'timeout'], // query_canceled: statement_timeout
  ['55P03', 'timeout'], // lock_not_available: lock_timeout
  ['25P03', 'timeout'], // idle_in_transaction_session_timeout
  ['57P01', 'unreachable'], // admin_shutdown
  ['57P02', 'unreachable'], // crash_shutdown
  ['57P03', 'unreachable'], // cannot_connect_now
  ['53300', 'unreachable'], // too_many_connections
]);

/** node-postgres and pg-pool say these in plain `Error` messages, without a code. */
const FAULT_BY_MESSAGE: readonly (readonly [string, StorageFault])[] = [
  ['Connection terminated due to connection timeout', 'timeout'],
  ['timeout exceeded when trying to connect', 'timeout'],
  ['timeout expired', 'timeout'],
  ['Query read timeout', 'timeout'],
  ['Connection terminated', 'unreachable'],
  ['Client has encountered a connection error and is not queryable', 'unreachable'],
  ['Client was closed and is not queryable', 'unreachable'],
];

/** How deep a `cause` chain is followed (pg-pool wraps a connection timeout's cause). */
const MAX_CAUSES = 4;

function faultOf(error: Error & { code?: unknown }): StorageFault | undefined {
  if (error.name === 'TimeoutError') return 'timeout';
  const code = typeof error.code === 'string' ? error.code : '';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'busy';
  if (/^08[0-9A-Z]{3}$/.test(code)) return 'unreachable';
  return FAULT_BY_CODE.get(code) ?? FAULT_BY_MESSAGE.find(([prefix]) => error.message.startsWith(prefix))?.[1];
}

/**
 * Classifies a failure of the database (node-postgres, pg-pool, better-sqlite3, or `withTimeout`'s TimeoutError),
 * following its `cause` chain: the {@link StorageFault} when the database is unavailable, undefined when the failure is
 * anything else (a constraint violation, a bug) and must not be reported as a temporary one.
 */
export function storageFault(error: unknown): StorageFault | undefined {
  let current = error;
  for (let depth = 0; depth <= MAX_CAUSES && current instanceof Error; depth += 1) {
    const fault = faultOf(current);
    if (fault !== undefined) return fault;
    current = current.cause ?? (current instanceof AggregateError ? current.errors[0] : undefined);
  }
  return undefined;
}
