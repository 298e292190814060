import type { GroupRateLimits, RateLimitGroup, RateLimitsConfig, RateLimitStoreConfig, RateRule } from './config.types.js';
import { childPath, type ConfigChecker } from './config-checker.js';
import { RATE_LIMIT_GROUPS, RATE_LIMIT_PRESETS } from './rate-limit-presets.js';

const RATE_LIMITS_KEYS = ['enabled', 'preset', 'store', 'keyPrefix', 'redisTimeoutMs', 'groups'];
const RULE_KEYS = ['ratePerSecond', 'burst'];
const PRESETS = ['development', 'production'] as const;

type Scope = keyof GroupRateLimits;

/** Defaults of the `rateLimits` section (docs/configuration.md): on, the development preset, in process memory. */
export const RATE_LIMITS_DEFAULTS = { enabled: true, preset: 'development', keyPrefix: 'obas:rl:', redisTimeoutMs: 100 } as const;

/**
 * `rateLimits`: whether requests of the token, PAR, registration, client configuration, revocation, introspection and
 * PSU sign-in routes are rate limited, the preset their buckets start from, per-group overrides (`groups.<group>.
 * perClient` / `.perAddress`: a `{ ratePerSecond, burst }` bucket, or `false` for none), and where the buckets live
 * (`store`: `memory`, or a `redis://` / `rediss://` URL shared by every process, with `keyPrefix` and
 * `redisTimeoutMs`).
 */
export function readRateLimits(checker: ConfigChecker, raw: unknown, path = 'rateLimits'): RateLimitsConfig {
  const section = raw === undefined ? {} : (checker.object(raw, path, RATE_LIMITS_KEYS) ?? {});
  const at = (key: string) => childPath(path, key);
  const defaults = RATE_LIMITS_DEFAULTS;
  const enabled = section['enabled'] === undefined ? defaults.enabled : (checker.boolean(section['enabled'], at('enabled')) ?? defaults.enabled);
  const preset = section['preset'] === undefined ? defaults.preset : (checker.oneOf(section['preset'], at('preset'), PRESETS) ?? defaults.preset);
  const keyPrefix = section['keyPrefix'] === undefined ? defaults.keyPrefix : (readKeyPrefix(checker, section['keyPrefix'], at('keyPrefix')) ?? defaults.keyPrefix);
  const timeoutMs =
    section['redisTimeoutMs'] === undefined
      ? defaults.redisTimeoutMs
      : (checker.integer(section['redisTimeoutMs'], at('redisTimeoutMs'), 5, 5_000, ' ms') ?? defaults.redisTimeoutMs);
  const url = section['store'] === undefined ? 'memory' : readStore(checker, section['store'], at('store'));
  const store: RateLimitStoreConfig = url === undefined || url === 'memory' ? { kind: 'memory' } : { kind: 'redis', url, keyPrefix, timeoutMs };
  return { enabled, preset, store, groups: readGroups(checker, section['groups'], at('groups'), RATE_LIMIT_PRESETS[preset]) };
}

function readGroups(
  checker: ConfigChecker,
  raw: unknown,
  path: string,
  preset: Readonly<Record<RateLimitGroup, GroupRateLimits>>,
): Readonly<Record<RateLimitGroup, GroupRateLimits>> {
  const section = raw === undefined ? {} : (checker.object(raw, path, RATE_LIMIT_GROUPS) ?? {});
  const groups = { ...preset };
  for (const group of RATE_LIMIT_GROUPS) {
    if (section[group] === undefined) continue;
    const groupPath = childPath(path, group);
    const scopes: readonly Scope[] = group === 'psu-login' ? ['perAddress'] : ['perClient', 'perAddress'];
    const overrides = checker.object(section[group], groupPath, scopes);
    if (overrides === undefined) continue;
    const scope = (name: Scope): RateRule | undefined => {
      const value = scopes.includes(name) ? overrides[name] : undefined;
      const configured = value === undefined ? undefined : readRule(checker, value, childPath(groupPath, name));
      return configured === undefined ? preset[group][name] : configured === false ? undefined : configured;
    };
    const [perClient, perAddress] = [scope('perClient'), scope('perAddress')];
    const merged: GroupRateLimits = { ...(perClient === undefined ? {} : { perClient }), ...(perAddress === undefined ? {} : { perAddress }) };
    groups[group] = merged;
  }
  return groups;
}

/** A bucket, or `false` for none. */
function readRule(checker: ConfigChecker, raw: unknown, path: string): RateRule | false | undefined {
  if (raw === false) return false;
  const section = checker.object(raw, path, RULE_KEYS);
  if (section === undefined) return undefined;
  const rate = section['ratePerSecond'];
  const ratePerSecond =
    typeof rate === 'number' && Number.isFinite(rate) && rate >= 0.001 && rate <= 1_000_000
      ? rate
      : checker.fail(childPath(path, 'ratePerSecond'), rate, 'a number 0.001–1000000 (requests per second)');
  const burst = checker.integer(section['burst'], childPath(path, 'burst'), 1, 10_000_000, ' requests');
  return ratePerSecond === undefined || burst === undefined ? undefined : { ratePerSecond, burst };
}

/** `memory`, or a Redis URL; credentials in it (anything before the last `@`) are never echoed. */
function readStore(checker: ConfigChecker, value: unknown, path: string): string | undefined {
  const expected = 'memory, or a redis:// or rediss:// URL';
  if (value === 'memory') return value;
  if (typeof value !== 'string') return checker.report(path, `got a ${typeof value}, expected ${expected}`);
  if (/^rediss?:\/\/./.test(value) && URL.canParse(value)) return value;
  return checker.fail(path, value.replace(/^([a-z][a-z0-9+.-]*:\/\/)?.*@/is, '$1***@'), expected);
}

function readKeyPrefix(checker: ConfigChecker, value: unknown, path: string): string | undefined {
  const valid = typeof value === 'string' && /^[A-Za-z0-9:_.{}-]{1,64}$/.test(value);
  return valid ? value : checker.fail(path, value, '1–64 characters of A–Z a–z 0–9 : _ . - { }');
}
