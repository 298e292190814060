import type { GroupRateLimits, RateLimitGroup, RateLimitsConfig } from './config.types.js';

/** Every rate-limited route group, in the order docs/configuration.md lists them. */
export const RATE_LIMIT_GROUPS: readonly RateLimitGroup[] = [
  'token',
  'par',
  'registration',
  'client-configuration',
  'revocation',
  'introspection',
  'psu-login',
];

type Preset = Readonly<Record<RateLimitGroup, GroupRateLimits>>;

const bucket = (ratePerSecond: number, burst: number) => ({ ratePerSecond, burst });

/**
 * Generous: far above what one developer, the test suites or `npm run bench` (one client, one address, 20k token
 * requests/s and more on one core, for a minute) send, yet bounded, so a runaway loop still meets a 429 and not an
 * exhausted machine.
 */
const DEVELOPMENT: Preset = {
  token: { perClient: bucket(50_000, 100_000), perAddress: bucket(100_000, 200_000) },
  par: { perClient: bucket(1_000, 2_000), perAddress: bucket(2_000, 4_000) },
  registration: { perClient: bucket(100, 200), perAddress: bucket(200, 400) },
  'client-configuration': { perClient: bucket(200, 400), perAddress: bucket(400, 800) },
  revocation: { perClient: bucket(1_000, 2_000), perAddress: bucket(2_000, 4_000) },
  introspection: { perClient: bucket(50_000, 100_000), perAddress: bucket(100_000, 200_000) },
  'psu-login': { perAddress: bucket(100, 200) },
};

/**
 * What a bank starts from. Token and PAR: a TPP's steady traffic with room for a batch; registration: a few a minute
 * per certificate (300/s from one organisation is an incident, not onboarding); introspection: resource servers call
 * it on every API request, so it is high; PSU sign-in: per address only and loose enough for carrier-grade NAT (the
 * per-PSU lockout stops password guessing).
 */
const PRODUCTION: Preset = {
  token: { perClient: bucket(50, 100), perAddress: bucket(200, 400) },
  par: { perClient: bucket(10, 30), perAddress: bucket(50, 100) },
  registration: { perClient: bucket(0.1, 10), perAddress: bucket(0.5, 20) },
  'client-configuration': { perClient: bucket(1, 20), perAddress: bucket(5, 50) },
  revocation: { perClient: bucket(20, 50), perAddress: bucket(100, 200) },
  introspection: { perClient: bucket(500, 1_000), perAddress: bucket(1_000, 2_000) },
  'psu-login': { perAddress: bucket(2, 30) },
};

/** The presets `rateLimits.preset` names. */
export const RATE_LIMIT_PRESETS: Readonly<Record<RateLimitsConfig['preset'], Preset>> = { development: DEVELOPMENT, production: PRODUCTION };
