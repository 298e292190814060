import type { Server, Socket } from 'node:net';
import type { ConnectionLimits } from '../config/config.types.js';
import { addressKey } from './client-address.js';
import type { ProxyTrust } from './trusted-proxies.js';

/** Why a connection was closed on arrival (`obas_connections_refused_total{reason}`). */
export type ConnectionRefusal = 'per_address' | 'max_total';

/** What the guard of one listener needs. */
export interface ConnectionGuardOptions {
  readonly limits: Pick<ConnectionLimits, 'maxPerAddress' | 'maxTotal'>;
  /** Trusted proxies carry many clients' connections: they are not capped per address. */
  readonly isTrustedProxy: ProxyTrust;
  readonly onRefused?: (reason: ConnectionRefusal) => void;
}

/**
 * Caps the connections a listener holds: at most `maxPerAddress` open at once from one client address (IPv6 by /64),
 * counted from the TCP accept to the socket's close, so that idle or half-open connections from one place cannot
 * exhaust the server; one more is destroyed at once, before any TLS work. `maxTotal` is Node's own `maxConnections`.
 * Keep-alive connections of well-behaved clients are untouched: each counts once for as long as it is open.
 */
export function guardConnections(server: Server, options: ConnectionGuardOptions): void {
  const open = new Map<string, number>();
  server.maxConnections = options.limits.maxTotal;
  server.on('drop', () => options.onRefused?.('max_total'));
  server.on('connection', (socket: Socket) => {
    const peer = socket.remoteAddress;
    if (peer === undefined || options.isTrustedProxy(peer)) return;
    const key = addressKey(peer);
    const count = (open.get(key) ?? 0) + 1;
    if (count > options.limits.maxPerAddress) {
      socket.destroy();
      options.onRefused?.('per_address');
      return;
    }
    open.set(key, count);
    socket.once('close', () => {
      const left = (open.get(key) ?? 1) - 1;
      if (left === 0) open.delete(key);
      else open.set(key, left);
    });
  });
}
