import { normalizeDn } from '../pki/distinguished-name.js';
import type { ConsentsConfig } from './config.types.js';
import { INTROSPECTION_RESPONSE_FORMATS, type ResourceServerConfig } from '../consent/resource-server-config.js';
import { childPath, type ConfigChecker } from './config-checker.js';

const CONSENTS_KEYS = ['basePath', 'retentionSeconds', 'idempotencySeconds'];
const RESOURCE_SERVER_KEYS = ['id', 'subjectDn', 'certificateThumbprint', 'introspectionResponse'];
const DAY_SECONDS = 86_400;

/** Defaults of the `consents` section (docs/configuration.md). */
export const CONSENTS_DEFAULTS: ConsentsConfig = {
  basePath: '/open-banking',
  retentionSeconds: 90 * DAY_SECONDS,
  idempotencySeconds: DAY_SECONDS,
};

/**
 * `consents`: where the UK consent resources live on the mTLS listener (`basePath`, a path of lower-case segments, no
 * trailing slash), how long ended consents are kept (never less than a day, so a TPP can still read why one ended),
 * and the `x-idempotency-key` window.
 */
export function readConsents(checker: ConfigChecker, raw: unknown, path = 'consents'): ConsentsConfig {
  const section = raw === undefined ? {} : (checker.object(raw, path, CONSENTS_KEYS) ?? {});
  const at = (key: string) => childPath(path, key);
  const basePath = section['basePath'] === undefined ? CONSENTS_DEFAULTS.basePath : readBasePath(checker, section['basePath'], at('basePath'));
  const seconds = (key: 'retentionSeconds' | 'idempotencySeconds', min: number, max: number) =>
    section[key] === undefined ? CONSENTS_DEFAULTS[key] : (checker.integer(section[key], at(key), min, max, ' seconds') ?? CONSENTS_DEFAULTS[key]);
  return {
    basePath: basePath ?? CONSENTS_DEFAULTS.basePath,
    retentionSeconds: seconds('retentionSeconds', DAY_SECONDS, 3650 * DAY_SECONDS),
    idempotencySeconds: seconds('idempotencySeconds', 60, 7 * DAY_SECONDS),
  };
}

function readBasePath(checker: ConfigChecker, value: unknown, path: string): string | undefined {
  const valid = typeof value === 'string' && /^(\/[a-z0-9][a-z0-9._-]{0,63}){1,8}$/.test(value);
  return valid ? value : checker.fail(path, value, 'a path such as /open-banking (lower-case segments, no trailing slash)');
}

/**
 * `resourceServers`: the bank's resource servers, each with an `id` and its mTLS certificate's `subjectDn` or
 * `certificateThumbprint` (`x5t#S256`, base64url), and optionally `introspectionResponse` (`json` or `jwt`, RFC 9701).
 * Ids and identities must be distinct.
 */
export function readResourceServers(checker: ConfigChecker, raw: unknown, path = 'resourceServers'): ResourceServerConfig[] {
  if (raw === undefined) return [];
  const servers =
    checker.list(raw, path, (item, itemPath) => {
      const section = checker.object(item, itemPath, RESOURCE_SERVER_KEYS);
      if (section === undefined) return undefined;
      const at = (key: string) => childPath(itemPath, key);
      const id = checker.string(section['id'], at('id'), 128);
      const subjectDn = section['subjectDn'] === undefined ? undefined : readDn(checker, section['subjectDn'], at('subjectDn'));
      const thumbprint =
        section['certificateThumbprint'] === undefined ? undefined : readThumbprint(checker, section['certificateThumbprint'], at('certificateThumbprint'));
      if ((section['subjectDn'] === undefined) === (section['certificateThumbprint'] === undefined)) {
        return checker.report(itemPath, 'expected exactly one of subjectDn and certificateThumbprint');
      }
      const introspectionResponse =
        section['introspectionResponse'] === undefined
          ? undefined
          : checker.oneOf(section['introspectionResponse'], at('introspectionResponse'), INTROSPECTION_RESPONSE_FORMATS);
      if (id === undefined) return undefined;
      return {
        id,
        ...(subjectDn === undefined ? {} : { subjectDn }),
        ...(thumbprint === undefined ? {} : { certificateThumbprint: thumbprint }),
        ...(introspectionResponse === undefined ? {} : { introspectionResponse }),
      };
    }) ?? [];
  if (new Set(servers.map((server) => server.id)).size !== servers.length) checker.report(path, 'got two resource servers with one id, expected distinct ids');
  const identities = servers.map((server) => server.certificateThumbprint ?? normalizeDn(server.subjectDn ?? ''));
  if (new Set(identities).size !== identities.length) checker.report(path, 'got two resource servers with one certificate identity, expected distinct ones');
  return servers;
}

function readDn(checker: ConfigChecker, value: unknown, path: string): string | undefined {
  try {
    if (typeof value === 'string' && value.length <= 1024) return normalizeDn(value) === '' ? checker.fail(path, value, 'a non-empty DN') : value;
  } catch {
    // reported below
  }
  return checker.fail(path, value, 'an RFC 4514 distinguished name such as "CN=rs,O=Bank,C=GB"');
}

function readThumbprint(checker: ConfigChecker, value: unknown, path: string): string | undefined {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value) ? value : checker.fail(path, value, 'a base64url SHA-256 thumbprint (43 characters)');
}
