import { readFileSync } from 'node:fs';
import { publicKeysOf } from '../client-auth/remote-jwks.js';
import type { DirectoryConfig } from '../registration/registration-settings.js';
import { childPath, type ConfigChecker } from './config-checker.js';

const DIRECTORY_KEYS = ['jwksFile', 'jwksUrl', 'issuers', 'sandbox'];

/**
 * `directory`: whose software statements (RFC 7591 §2.3) registration trusts. One JWK Set (`jwksFile` or `jwksUrl`)
 * with the `issuers` it signs for, and/or the built-in sandbox directory, on by default when no directory keys are
 * configured and the dev CA is trusted (a development set-up).
 */
export function readDirectory(checker: ConfigChecker, raw: unknown, trustDevCa: boolean, path = 'directory'): DirectoryConfig {
  const section = raw === undefined ? {} : (checker.object(raw, path, DIRECTORY_KEYS) ?? {});
  const at = (key: string) => childPath(path, key);
  const jwksFile = section['jwksFile'] === undefined ? undefined : readJwksFile(checker, section['jwksFile'], at('jwksFile'));
  const jwksUrl = section['jwksUrl'] === undefined ? undefined : readHttpsUrl(checker, section['jwksUrl'], at('jwksUrl'));
  if (section['jwksFile'] !== undefined && section['jwksUrl'] !== undefined) {
    checker.report(at('jwksUrl'), 'got both jwksFile and jwksUrl, expected one of them');
  }
  const hasKeys = section['jwksFile'] !== undefined || section['jwksUrl'] !== undefined;
  const issuers = section['issuers'] === undefined ? [] : (readIssuers(checker, section['issuers'], at('issuers')) ?? []);
  if (hasKeys && section['issuers'] === undefined) checker.fail(at('issuers'), undefined, 'the iss values the directory keys sign for');
  if (!hasKeys && section['issuers'] !== undefined) checker.report(at('issuers'), 'got issuers without keys, expected jwksFile or jwksUrl too');
  const sandbox = section['sandbox'] === undefined ? !hasKeys && trustDevCa : (checker.boolean(section['sandbox'], at('sandbox')) ?? false);
  return {
    ...(jwksFile === undefined ? {} : { jwksFile }),
    ...(jwksUrl === undefined ? {} : { jwksUrl }),
    issuers,
    sandbox,
  };
}

function readJwksFile(checker: ConfigChecker, value: unknown, path: string): string | undefined {
  const file = checker.readableFile(value, path);
  if (file === undefined) return undefined;
  try {
    if (publicKeysOf(JSON.parse(readFileSync(file, 'utf8'))).length > 0) return file;
  } catch {
    return checker.fail(path, value, 'a JWK Set file (JSON)');
  }
  return checker.fail(path, value, 'a JWK Set file with at least one public key');
}

function readHttpsUrl(checker: ConfigChecker, value: unknown, path: string): string | undefined {
  const valid = typeof value === 'string' && URL.canParse(value) && new URL(value).protocol === 'https:' && !value.includes('#');
  return valid ? value : checker.fail(path, value, 'an https URL without fragment');
}

function readIssuers(checker: ConfigChecker, value: unknown, path: string): string[] | undefined {
  const issuers = checker.list(value, path, (item, itemPath) => checker.string(item, itemPath, 512));
  if (issuers !== undefined && issuers.length === 0) return checker.fail(path, value, 'at least one issuer');
  return issuers;
}
