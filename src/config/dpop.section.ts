import type { DpopConfig } from './config.types.js';
import { childPath, type ConfigChecker } from './config-checker.js';

const DPOP_KEYS = ['requireNonce', 'nonceRotationSeconds', 'proofLifetimeSeconds'];

/** Defaults of the `dpop` section (docs/configuration.md): no nonce required, 60 s nonce windows, 60 s proofs. */
export const DPOP_DEFAULTS: DpopConfig = { requireNonce: false, nonceRotationSeconds: 60, proofLifetimeSeconds: 60 };

/**
 * `dpop`: DPoP proofs (RFC 9449) at the token, PAR and consent endpoints. `requireNonce` makes every proof carry a
 * server-provided nonce (§8, §9: `use_dpop_nonce` with a `DPoP-Nonce` header otherwise).
 */
export function readDpop(checker: ConfigChecker, raw: unknown, path = 'dpop'): DpopConfig {
  const section = raw === undefined ? {} : (checker.object(raw, path, DPOP_KEYS) ?? {});
  const at = (key: string) => childPath(path, key);
  const requireNonce = section['requireNonce'] === undefined ? undefined : checker.boolean(section['requireNonce'], at('requireNonce'));
  const seconds = (key: 'nonceRotationSeconds' | 'proofLifetimeSeconds') =>
    section[key] === undefined ? undefined : checker.integer(section[key], at(key), 1, 3_600, ' seconds');
  return {
    requireNonce: requireNonce ?? DPOP_DEFAULTS.requireNonce,
    nonceRotationSeconds: seconds('nonceRotationSeconds') ?? DPOP_DEFAULTS.nonceRotationSeconds,
    proofLifetimeSeconds: seconds('proofLifetimeSeconds') ?? DPOP_DEFAULTS.proofLifetimeSeconds,
  };
}
