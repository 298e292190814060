import type { Logger } from 'pino';
import type { HousekeepingConfig } from '../config/config.types.js';
import type { ConsentLifecycle } from '../consent/consent-lifecycle.js';
import type { Storage } from '../storage/ports.js';

/**
 * Periodically deletes expired tokens, codes, pushed requests, PSU sessions, grants, CIBA requests, replay-cache entries
 * and PSU lockouts with nothing left to remember, ends consents whose time is up (see `ConsentLifecycle.sweep`) and deletes
 * ended ones past retention. It runs every `settings.intervalSeconds`; expired rows are kept `settings.retentionSeconds`
 * past their expiry so that a replayed or late token still reads as known-but-inactive (replay-cache entries and PSU
 * lockouts go at expiry: nothing reads them afterwards). The timer never keeps the process alive. Every process of
 * `obas start --workers N` runs its own; the deletes are batched (`kysely/expired-rows.ts`), so concurrent sweeps only
 * find less to do. Access tokens are looked for by their issue-time key among those issued `accessTokenLifetimeSeconds`
 * (the profile's) before the retention cut-off, or earlier.
 */
export function startHousekeeping(
  storage: Storage,
  consents: ConsentLifecycle,
  logger: Logger,
  settings: HousekeepingConfig,
  accessTokenLifetimeSeconds: number,
): { stop(): void } {
  const retentionMs = settings.retentionSeconds * 1000;
  const timer = setInterval(() => {
    const before = new Date(Date.now() - retentionMs);
    Promise.all([
      storage.accessTokens.deleteExpired(before, new Date(before.getTime() - accessTokenLifetimeSeconds * 1000)),
      storage.replayCache.deleteExpired(new Date()),
      storage.authorizationCodes.deleteExpired(before),
      storage.pushedRequests.deleteExpired(before),
      storage.interactions.deleteExpired(before),
      storage.refreshTokens.deleteExpired(before),
      storage.grants.deleteExpired(before),
      consents.sweep(new Date()),
      storage.psuLockouts.deleteExpired(new Date()),
      storage.backchannelRequests.deleteExpired(before),
    ])
      .then(([tokens, replays, codes, pushed, interactions, refreshTokens, grants, consents, psuLockouts, backchannelRequests]) =>
        logger.debug({ tokens, replays, codes, pushed, interactions, refreshTokens, grants, consents, psuLockouts, backchannelRequests }, 'housekeeping'),
      )
      .catch((error: unknown) => logger.error({ detail: String(error) }, 'housekeeping failed'));
  }, settings.intervalSeconds * 1000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
