import type { AuthorizationResponseType } from '../protocol/response-types.js';
import { RESPONSE_TYPES } from '../protocol/response-types.js';
import type { AuthorizationSettings } from '../authorization/authorization-settings.js';
import type { RefreshTokenSettings } from '../grants/refresh-token-settings.js';
import { childPath, type ConfigChecker } from './config-checker.js';
import { SIGNING_ALGS } from '../protocol/signing-algorithms.js';

const AUTHORIZATION_KEYS = [
  'responseTypes',
  'jarm',
  'codeRequiresJarm',
  'requirePushedRequests',
  'requireSignedRequestObject',
  'idTokenSigningAlg',
];

/** Longest grace window after a refresh token rotation: long enough for a retry, short enough to stay a window. */
const MAX_REFRESH_GRACE_SECONDS = 300;

/**
 * `profile.authorization`: the knobs that tell FAPI 1.0 Advanced, FAPI 2.0 and STET authorization apart. Unset knobs
 * keep the profile's value; an invalid one is reported and the profile's value used.
 */
export function readAuthorizationKnobs(
  checker: ConfigChecker,
  value: unknown,
  path: string,
  base: AuthorizationSettings,
): AuthorizationSettings | undefined {
  const section = checker.object(value, path, AUTHORIZATION_KEYS);
  if (section === undefined) return undefined;
  const flag = (key: keyof AuthorizationSettings & string, fallback: boolean): boolean =>
    section[key] === undefined ? fallback : (checker.boolean(section[key], childPath(path, key)) ?? fallback);
  const responseTypes =
    section['responseTypes'] === undefined
      ? base.responseTypes
      : (readResponseTypes(checker, section['responseTypes'], childPath(path, 'responseTypes')) ?? base.responseTypes);
  const alg =
    section['idTokenSigningAlg'] === undefined
      ? base.idTokenSigningAlg
      : (checker.oneOf(section['idTokenSigningAlg'], childPath(path, 'idTokenSigningAlg'), SIGNING_ALGS) ?? base.idTokenSigningAlg);
  return {
    responseTypes,
    jarm: flag('jarm', base.jarm),
    codeRequiresJarm: flag('codeRequiresJarm', base.codeRequiresJarm),
    requirePushedRequests: flag('requirePushedRequests', base.requirePushedRequests),
    requireSignedRequestObject: flag('requireSignedRequestObject', base.requireSignedRequestObject),
    idTokenSigningAlg: alg,
  };
}

function readResponseTypes(checker: ConfigChecker, value: unknown, path: string): AuthorizationResponseType[] | undefined {
  const types = checker.list(value, path, (item, itemPath) => checker.oneOf(item, itemPath, RESPONSE_TYPES));
  if (types === undefined) return undefined;
  if (types.length === 0 || new Set(types).size !== types.length) {
    return checker.fail(path, value, `a non-empty list of distinct response types from ${RESPONSE_TYPES.join(', ')}`);
  }
  return types;
}

/** `profile.refreshTokens`: rotation on or off, and the grace window after a rotation (FAPI 2.0 SP §5.3.2.1-10). */
export function readRefreshTokenKnobs(
  checker: ConfigChecker,
  value: unknown,
  path: string,
  base: RefreshTokenSettings,
): RefreshTokenSettings | undefined {
  const section = checker.object(value, path, ['rotate', 'graceSeconds']);
  if (section === undefined) return undefined;
  const rotate = section['rotate'] === undefined ? base.rotate : (checker.boolean(section['rotate'], childPath(path, 'rotate')) ?? base.rotate);
  const graceSeconds =
    section['graceSeconds'] === undefined
      ? base.graceSeconds
      : (checker.integer(section['graceSeconds'], childPath(path, 'graceSeconds'), 0, MAX_REFRESH_GRACE_SECONDS, ' seconds') ??
        base.graceSeconds);
  return { rotate, graceSeconds };
}
