import type { Logger } from 'pino';
import type { ObasConfig } from '../config/config.types.js';
import { createCertificateThumbprint } from '../http/certificate-thumbprint.js';
import { createClientAddress } from '../http/client-address.js';
import type { RequestRateLimits } from '../http/rate-limit-hook.js';
import type { ProxyTrust } from '../http/trusted-proxies.js';
import type { ObasMetrics } from '../metrics/obas-metrics.js';
import { openRateLimitStore } from '../rate-limits/open-rate-limit-store.js';
import { createRateLimiter } from '../rate-limits/rate-limiter.js';

/** Rate limiting, wired: what the listeners apply (absent when `rateLimits.enabled` is false) and how to let go of it. */
export interface OpenedRateLimits {
  readonly forRequests?: RequestRateLimits;
  /** Closes the store (the Redis connection); after the listeners have drained. */
  close(): Promise<void>;
}

/**
 * Wires `rateLimits` for the listeners: the store it names, the limiter over the configured groups, the client
 * address and certificate thumbprint as the trusted proxies allow, and `obas_rate_limited_total`.
 */
export async function openRequestRateLimits(config: ObasConfig, isTrustedProxy: ProxyTrust, metrics: ObasMetrics, logger: Logger): Promise<OpenedRateLimits> {
  if (!config.rateLimits.enabled) return { close: async () => undefined };
  const severalProcesses = config.databaseUrl !== undefined || config.workers > 1;
  const store = await openRateLimitStore(config.rateLimits.store, severalProcesses, logger);
  return {
    forRequests: {
      limiter: createRateLimiter(config.rateLimits.groups, store),
      addressOf: createClientAddress(isTrustedProxy),
      thumbprintOf: createCertificateThumbprint(isTrustedProxy),
      onRefused: (group, scope) => metrics.rateLimited.inc({ route_group: group, scope }),
    },
    close: () => store.close(),
  };
}
