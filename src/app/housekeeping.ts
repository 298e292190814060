import type { Logger } from 'pino';
import type { ConsentLifecycle } from '../consent/consent-lifecycle.js';
import type { Storage } from '../storage/ports.js';

const INTERVAL_MS = 5 * 60_000;
/** Expired rows are kept a while so that a replayed or late token still reads as known-but-inactive. */
const RETENTION_MS = 24 * 60 * 60_000;

/**
 * Periodically deletes expired tokens, codes, pushed requests, PSU sessions, grants, CIBA requests, replay-cache entries
 * and PSU lockouts with nothing left to remember, ends consents whose time is up (see `ConsentLifecycle.sweep`) and deletes
 * ended ones past retention. The timer never keeps the process alive.
 */
export function startHousekeeping(storage: Storage, consents: ConsentLifecycle, logger: Logger): { stop(): void } {
  const timer = setInterval(() => {
    const before = new Date(Date.now() - RETENTION_MS);
    Promise.all([
      storage.accessTokens.deleteExpired(before),
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
  }, INTERVAL_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
