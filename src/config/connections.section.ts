import type { ConnectionLimits } from './config.types.js';
import { childPath, type ConfigChecker } from './config-checker.js';

/**
 * Defaults of the `connections` section (docs/configuration.md): a handshake within 5 s, headers within 10 s, 256
 * connections per address (a browser opens 6, a busy TPP a pool of tens; a NAT shares one address), 10 000 per listener.
 */
export const CONNECTIONS_DEFAULTS: ConnectionLimits = { handshakeTimeoutMs: 5_000, headersTimeoutMs: 10_000, maxPerAddress: 256, maxTotal: 10_000 };

/** Bounds: headers within the 30 s a whole request gets (Node refuses a headers timeout above the request timeout). */
const BOUNDS: Readonly<Record<keyof ConnectionLimits, readonly [number, number, string]>> = {
  handshakeTimeoutMs: [100, 120_000, ' ms'],
  headersTimeoutMs: [100, 30_000, ' ms'],
  maxPerAddress: [1, 100_000, ' connections'],
  maxTotal: [1, 1_000_000, ' connections'],
};

/**
 * `connections`: what both HTTPS listeners allow before a request is served — how long the TLS handshake and a
 * request's headers may take, and how many connections one client address and everyone together may hold open.
 */
export function readConnections(checker: ConfigChecker, raw: unknown, path = 'connections'): ConnectionLimits {
  const section = raw === undefined ? {} : (checker.object(raw, path, Object.keys(BOUNDS)) ?? {});
  const read = (key: keyof ConnectionLimits): number => {
    const [min, max, unit] = BOUNDS[key];
    const fallback = CONNECTIONS_DEFAULTS[key];
    return section[key] === undefined ? fallback : (checker.integer(section[key], childPath(path, key), min, max, unit) ?? fallback);
  };
  return {
    handshakeTimeoutMs: read('handshakeTimeoutMs'),
    headersTimeoutMs: read('headersTimeoutMs'),
    maxPerAddress: read('maxPerAddress'),
    maxTotal: read('maxTotal'),
  };
}
