import type { ClientAuthMethod, ProfileSettings, TokenLifetimes } from './config.types.js';
import { childPath, type ConfigChecker } from './config-checker.js';
import { CLIENT_AUTH_METHODS, SIGNING_ALGS } from './config-values.js';
import { PROFILE_NAMES, PROFILES } from './profiles/profile-registry.js';

const PROFILE_KEYS = [
  'name',
  'allowedAuthMethods',
  'accessTokenFormat',
  'accessTokenSigningAlg',
  'reasonCodeDialect',
  'assertionAudience',
  'alwaysBindTokens',
  'lifetimes',
];

/** Upper bounds: an access token lives at most a day; a client assertion at most an hour (RFC 7523 §3 `exp`). */
export const LIFETIME_BOUNDS = { accessToken: 86_400, clientAssertionMaxAge: 3_600 } as const;

/**
 * `profile`: a profile name, or `{ name, …knobs }` whose knobs override that profile's defaults. An invalid knob is
 * reported and the profile default used in its place, so later checks (static clients) still run.
 */
export function readProfile(checker: ConfigChecker, raw: unknown, path = 'profile'): ProfileSettings {
  if (raw === undefined) return PROFILES.fapi2;
  const section = checker.object(raw, path, PROFILE_KEYS);
  if (section === undefined) return PROFILES.fapi2;
  const at = (key: string) => childPath(path, key);
  const name = section['name'] === undefined ? 'fapi2' : (checker.oneOf(section['name'], at('name'), PROFILE_NAMES) ?? 'fapi2');
  const base = PROFILES[name];
  const knob = <T>(key: string, read: (value: unknown, keyPath: string) => T | undefined, fallback: T): T =>
    section[key] === undefined ? fallback : (read(section[key], at(key)) ?? fallback);

  return {
    name,
    allowedAuthMethods: knob('allowedAuthMethods', (v, p) => readAuthMethods(checker, v, p), base.allowedAuthMethods),
    accessTokenFormat: knob('accessTokenFormat', (v, p) => checker.oneOf(v, p, ['opaque', 'jwt'] as const), base.accessTokenFormat),
    accessTokenSigningAlg: knob('accessTokenSigningAlg', (v, p) => checker.oneOf(v, p, SIGNING_ALGS), base.accessTokenSigningAlg),
    reasonCodeDialect: knob('reasonCodeDialect', (v, p) => checker.oneOf(v, p, ['none', 'uk-ob', 'stet'] as const), base.reasonCodeDialect),
    assertionAudience: knob(
      'assertionAudience',
      (v, p) => checker.oneOf(v, p, ['issuer', 'issuer-or-token-endpoint'] as const),
      base.assertionAudience,
    ),
    alwaysBindTokens: knob('alwaysBindTokens', (v, p) => checker.boolean(v, p), base.alwaysBindTokens),
    lifetimes: knob('lifetimes', (v, p) => readLifetimes(checker, v, p, base.lifetimes), base.lifetimes),
  };
}

function readAuthMethods(checker: ConfigChecker, value: unknown, path: string): ClientAuthMethod[] | undefined {
  const methods = checker.list(value, path, (item, itemPath) => checker.oneOf(item, itemPath, CLIENT_AUTH_METHODS));
  if (methods === undefined) return undefined;
  if (methods.length === 0 || new Set(methods).size !== methods.length) {
    return checker.fail(path, value, `a non-empty list of distinct methods from ${CLIENT_AUTH_METHODS.join(', ')}`);
  }
  return methods;
}

function readLifetimes(checker: ConfigChecker, value: unknown, path: string, base: TokenLifetimes): TokenLifetimes | undefined {
  const section = checker.object(value, path, Object.keys(LIFETIME_BOUNDS));
  if (section === undefined) return undefined;
  const read = (key: keyof TokenLifetimes): number =>
    section[key] === undefined ? base[key] : (checker.integer(section[key], childPath(path, key), 1, LIFETIME_BOUNDS[key], ' seconds') ?? base[key]);
  return { accessToken: read('accessToken'), clientAssertionMaxAge: read('clientAssertionMaxAge') };
}
