import type { ObasConfig } from '../config/config.types.js';
import { createConsentLifecycle, type ConsentLifecycle } from '../consent/consent-lifecycle.js';
import type { Storage } from '../storage/ports.js';

/** The consent lifecycle configured as `config` says: the profile's authorisation window, the `consents` section. */
export function consentLifecycleFor(config: ObasConfig, storage: Pick<Storage, 'consents' | 'withTransaction'>): ConsentLifecycle {
  return createConsentLifecycle(storage, {
    authorisationSeconds: config.profile.lifetimes.interaction,
    idempotencySeconds: config.consents.idempotencySeconds,
    retentionSeconds: config.consents.retentionSeconds,
  });
}
