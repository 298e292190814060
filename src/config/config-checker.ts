import { accessSync, constants, statSync } from 'node:fs';
import { isIP } from 'node:net';
import { isAbsolute, resolve } from 'node:path';
import { gotExpected } from '../shared/describe-value.js';
import { type ConfigIssue } from './config-error.js';

/** Where an overridden value came from: its env var or flag name, and the directory its relative paths resolve against. */
export interface ValueOrigin {
  readonly label: string;
  readonly baseDir: string;
}

/** `a.b`, `a[2]`: the key path notation used in every message. */
export const childPath = (path: string, key: string | number): string =>
  typeof key === 'number' ? `${path}[${key}]` : path === '' ? key : `${path}.${key}`;

const HOSTNAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

/**
 * Collects configuration problems while reading a raw (parsed, merged) configuration tree. Each check returns the
 * typed value, or `undefined` after recording `<key>: got <value>, expected <what>`, so that one pass reports every
 * problem. Keys are written as file paths, or as the env var / flag that supplied the value.
 */
export class ConfigChecker {
  readonly issues: ConfigIssue[] = [];

  constructor(
    private readonly origins: ReadonlyMap<string, ValueOrigin>,
    private readonly fileBaseDir: string,
  ) {}

  /** The key to show for a path: the path itself, or the env var / flag that set it (or one of its parents). */
  keyOf(path: string): string {
    const origin = this.originOf(path);
    return origin === undefined ? path : origin.label + path.slice(origin.path.length);
  }

  /** Directory a relative file path at `path` resolves against: the config file's, or the cwd for env/flags. */
  baseDirOf(path: string): string {
    return this.originOf(path)?.baseDir ?? this.fileBaseDir;
  }

  /** Records a problem and returns `undefined`, so checks can `return this.fail(…)`. */
  fail(path: string, value: unknown, expected: string): undefined {
    this.issues.push({ key: this.keyOf(path), problem: gotExpected(value, expected) });
  }

  /** Records a problem whose text is already `got …, expected …` (e.g. from client metadata validation). */
  report(path: string, problem: string): undefined {
    this.issues.push({ key: this.keyOf(path), problem });
  }

  /** A plain object whose keys are all in `allowed`; each unknown key is its own problem (typo protection). */
  object(value: unknown, path: string, allowed: readonly string[]): Record<string, unknown> | undefined {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return this.fail(path, value, 'an object');
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (!allowed.includes(key)) this.reportUnknownKey(childPath(path, key), key, allowed);
    }
    return record;
  }

  /** Records `key` as unknown, suggesting the allowed key it is one typo away from, if any. */
  reportUnknownKey(path: string, key: string, allowed: readonly string[]): void {
    const near = allowed.find((candidate) => isNear(candidate, key));
    const hint = near === undefined ? `one of ${allowed.join(', ')}` : `${near} (or another of ${allowed.join(', ')})`;
    this.issues.push({ key: this.keyOf(path), problem: `got an unknown key, expected ${hint}` });
  }

  string(value: unknown, path: string, maxLength = 2048): string | undefined {
    if (typeof value !== 'string' || value.length === 0 || value.length > maxLength) {
      return this.fail(path, value, `a non-empty string of at most ${maxLength} characters`);
    }
    return value;
  }

  integer(value: unknown, path: string, min: number, max: number, unit = ''): number | undefined {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      return this.fail(path, value, `an integer ${min}–${max}${unit}`);
    }
    return value;
  }

  boolean(value: unknown, path: string): boolean | undefined {
    return typeof value === 'boolean' ? value : this.fail(path, value, 'true or false');
  }

  oneOf<T extends string>(value: unknown, path: string, options: readonly T[]): T | undefined {
    return options.includes(value as T) ? (value as T) : this.fail(path, value, `one of ${options.join(', ')}`);
  }

  /** An array, each element read by `each` (which records its own problems); `undefined` if anything was wrong. */
  list<T>(value: unknown, path: string, each: (item: unknown, itemPath: string) => T | undefined): T[] | undefined {
    if (!Array.isArray(value)) return this.fail(path, value, 'a list');
    const before = this.issues.length;
    const items = value.map((item, i) => each(item, childPath(path, i)));
    return this.issues.length === before ? (items as T[]) : undefined;
  }

  /**
   * An issuer-style URL (RFC 8414 §2): https, no query, no fragment, no credentials, no trailing slash, and written the
   * way URL parsing writes it back (lower-case host, no default port), since issuers are compared as exact strings.
   */
  httpsBaseUrl(value: unknown, path: string): string | undefined {
    const expected = 'a canonical https URL without query, fragment, credentials or trailing slash';
    if (typeof value !== 'string') return this.fail(path, value, expected);
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return this.fail(path, value, expected);
    }
    const clean = url.protocol === 'https:' && url.search === '' && url.hash === '' && url.username === '' && url.password === '';
    const canonical = url.href === value || url.href === `${value}/`;
    return clean && canonical && !value.endsWith('/') ? value : this.fail(path, value, expected);
  }

  /** A listener bind address: an IP address or a DNS host name. */
  host(value: unknown, path: string): string | undefined {
    if (typeof value === 'string' && (isIP(value) !== 0 || HOSTNAME.test(value))) return value;
    return this.fail(path, value, 'an IP address or host name');
  }

  /** An IPv4/IPv6 address or CIDR block (`10.0.0.0/8`, `fd00::/8`). */
  ipOrCidr(value: unknown, path: string): string | undefined {
    if (typeof value === 'string' && isIpOrCidr(value)) return value;
    return this.fail(path, value, 'an IP address or CIDR block such as 10.0.0.0/8');
  }

  /** A path to an existing readable regular file; relative paths resolve against `baseDirOf(path)`. */
  readableFile(value: unknown, path: string): string | undefined {
    if (typeof value !== 'string' || value.length === 0) return this.fail(path, value, 'a path to a readable file');
    const absolute = this.resolvePath(value, path);
    try {
      accessSync(absolute, constants.R_OK);
      if (!statSync(absolute).isFile()) return this.fail(path, value, `a readable file (${absolute} is not a file)`);
    } catch {
      return this.fail(path, value, `a readable file (${absolute} cannot be read)`);
    }
    return absolute;
  }

  /** A file path that need not exist yet, resolved against `baseDirOf(path)`. */
  filePath(value: unknown, path: string): string | undefined {
    if (typeof value !== 'string' || value.length === 0) return this.fail(path, value, 'a file path');
    return this.resolvePath(value, path);
  }

  /** A directory path (need not exist yet), resolved against `baseDir`. */
  directory(value: unknown, path: string, baseDir: string): string | undefined {
    if (typeof value !== 'string' || value.length === 0) return this.fail(path, value, 'a directory path');
    return isAbsolute(value) ? value : resolve(baseDir, value);
  }

  /** `value` made absolute against the directory that applies to `path`. */
  resolvePath(value: string, path: string): string {
    return isAbsolute(value) ? value : resolve(this.baseDirOf(path), value);
  }

  private originOf(path: string): (ValueOrigin & { path: string }) | undefined {
    let best: (ValueOrigin & { path: string }) | undefined;
    for (const [prefix, origin] of this.origins) {
      const covers = path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`);
      if (covers && (best === undefined || prefix.length > best.path.length)) best = { ...origin, path: prefix };
    }
    return best;
  }
}

function isIpOrCidr(value: string): boolean {
  const [address, prefix, ...rest] = value.split('/');
  if (address === undefined || rest.length > 0) return false;
  const family = isIP(address);
  if (family === 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

/** Same letters ignoring case, or one edit (insert, delete, substitute, swap) apart: enough to catch typos. */
function isNear(candidate: string, typed: string): boolean {
  const a = candidate.toLowerCase();
  const b = typed.toLowerCase();
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  const swapped = a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  return swapped || a.slice(i + 1) === b.slice(i + 1) || a.slice(i + 1) === b.slice(i) || a.slice(i) === b.slice(i + 1);
}
