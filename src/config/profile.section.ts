import type { ClientAuthMethod } from '../protocol/client-auth-methods.js';
import type { ProfileSettings } from './config.types.js';
import type { TokenLifetimes } from '../tokens/token-lifetimes.js';
import { childPath, type ConfigChecker } from './config-checker.js';
import { CLIENT_AUTH_METHODS } from '../protocol/client-auth-methods.js';
import { SIGNING_ALGS } from '../protocol/signing-algorithms.js';
import { readAuthorizationKnobs, readRefreshTokenKnobs } from './authorization-knobs.section.js';
import { PROFILE_NAMES, PROFILES } from './profiles/profile-registry.js';
import { readRegistrationKnobs } from './registration-knobs.section.js';

const PROFILE_KEYS = [
  'name',
  'allowedAuthMethods',
  'accessTokenFormat',
  'accessTokenSigningAlg',
  'reasonCodeDialect',
  'assertionAudience',
  'alwaysBindTokens',
  'lifetimes',
  'authorization',
  'refreshTokens',
  'registration',
  'messageSigning',
];

/**
 * Upper bounds: an access token lives at most a day; a client assertion at most an hour (RFC 7523 §3 `exp`); a code at
 * most 60 s and a request_uri at most 90 s (issue 4, within RFC 6749 §4.1.2 and RFC 9126 §2.2); a consent a year.
 */
const LIFETIME_BOUNDS: Readonly<Record<keyof TokenLifetimes, number>> = {
  accessToken: 86_400,
  clientAssertionMaxAge: 3_600,
  authorizationCode: 60,
  requestUri: 90,
  idToken: 3_600,
  refreshToken: 31_536_000,
  consent: 31_536_000,
  interaction: 3_600,
};

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
    authorization: knob('authorization', (v, p) => readAuthorizationKnobs(checker, v, p, base.authorization), base.authorization),
    refreshTokens: knob('refreshTokens', (v, p) => readRefreshTokenKnobs(checker, v, p, base.refreshTokens), base.refreshTokens),
    registration: knob('registration', (v, p) => readRegistrationKnobs(checker, v, p, base.registration), base.registration),
    messageSigning: knob('messageSigning', (v, p) => checker.boolean(v, p), base.messageSigning),
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
  const keys = Object.keys(LIFETIME_BOUNDS) as (keyof TokenLifetimes)[];
  return Object.fromEntries(keys.map((key) => [key, read(key)])) as Record<keyof TokenLifetimes, number>;
}
