import type { Psd2Role } from '../pki/client-certificate.js';
import { PSD2_ROLES } from '../pki/qc-statement.js';
import type { RegistrationSettings, ScopeRoles } from '../registration/registration-settings.js';
import { childPath, type ConfigChecker } from './config-checker.js';

const REGISTRATION_KEYS = ['requestFormat', 'softwareStatement', 'softwareStatementSingleUse', 'managementWithAccessToken', 'scopes'];
const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]{1,128}$/;

/**
 * `profile.registration`: the dynamic client registration knobs (RFC 7591 request format, software statement policy,
 * RFC 7592 authorisation, registrable scopes with their PSD2 roles). Unset knobs keep the profile's value.
 */
export function readRegistrationKnobs(
  checker: ConfigChecker,
  value: unknown,
  path: string,
  base: RegistrationSettings,
): RegistrationSettings | undefined {
  const section = checker.object(value, path, REGISTRATION_KEYS);
  if (section === undefined) return undefined;
  const at = (key: string) => childPath(path, key);
  const read = <T>(key: keyof RegistrationSettings, parse: (raw: unknown, keyPath: string) => T | undefined, fallback: T): T =>
    section[key] === undefined ? fallback : (parse(section[key], at(key)) ?? fallback);
  return {
    requestFormat: read('requestFormat', (v, p) => checker.oneOf(v, p, ['jwt', 'json'] as const), base.requestFormat),
    softwareStatement: read('softwareStatement', (v, p) => checker.oneOf(v, p, ['required', 'optional'] as const), base.softwareStatement),
    softwareStatementSingleUse: read('softwareStatementSingleUse', (v, p) => checker.boolean(v, p), base.softwareStatementSingleUse),
    managementWithAccessToken: read('managementWithAccessToken', (v, p) => checker.boolean(v, p), base.managementWithAccessToken),
    scopes: read('scopes', (v, p) => readScopeRoles(checker, v, p), base.scopes),
  };
}

/** `scopes`: `{ <scope>: [<PSD2 role>, …] }`, e.g. `{ accounts: [PSP_AI], openid: [] }`. */
function readScopeRoles(checker: ConfigChecker, value: unknown, path: string): ScopeRoles | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || Object.keys(value).length === 0) {
    return checker.fail(path, value, 'an object mapping each scope to the PSD2 roles it needs, e.g. { accounts: [PSP_AI] }');
  }
  const before = checker.issues.length;
  const scopes: Record<string, readonly Psd2Role[]> = {};
  for (const [scope, roles] of Object.entries(value as Record<string, unknown>)) {
    const scopePath = childPath(path, scope);
    if (!SCOPE_TOKEN.test(scope)) checker.fail(scopePath, scope, 'a scope token (printable ASCII except space, " and \\)');
    const parsed = checker.list(roles, scopePath, (role, rolePath) => checker.oneOf(role, rolePath, PSD2_ROLES));
    if (parsed !== undefined) scopes[scope] = [...new Set(parsed)];
  }
  return checker.issues.length === before ? scopes : undefined;
}
