import type { FastifyInstance } from 'fastify';
import { promisify } from 'node:util';
import { withTimeout } from '../shared/with-timeout.js';

/** A running HTTPS listener, as `createListener` builds it (Fastify stays inside `http/`). */
export type Listener = FastifyInstance;

/** How often idle keep-alive connections are reaped while draining (each answered request leaves its socket idle). */
const REAP_INTERVAL_MS = 50;

/** How a listener's drain ended. */
export interface DrainOutcome {
  /** True when requests were still running at the bound and their connections were cut. */
  readonly forced: boolean;
}

/**
 * Closes a listener gracefully: it stops accepting connections, requests arriving on open keep-alive connections get
 * 503 with `Connection: close` (Fastify's `return503OnClosing`), requests in flight finish, and each connection is
 * closed as soon as it is idle. After `graceMs`, connections still busy are destroyed.
 */
export async function drainListener(app: FastifyInstance, graceMs: number): Promise<DrainOutcome> {
  const closing = app.close();
  const reaper = setInterval(() => app.server.closeIdleConnections(), REAP_INTERVAL_MS);
  try {
    await withTimeout(closing, graceMs, 'listener drain');
    return { forced: false };
  } catch {
    app.server.closeAllConnections();
    await closing;
    return { forced: true };
  } finally {
    clearInterval(reaper);
  }
}

/** How many connections a listener holds open now. */
export function openConnections(listener: Listener): Promise<number> {
  return promisify(listener.server.getConnections.bind(listener.server))();
}
