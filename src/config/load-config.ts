import { statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { ListenerConfig, ObasConfig } from './config.types.js';
import type { RequestLimits } from '../protocol/request-limits.js';
import { childPath, ConfigChecker } from './config-checker.js';
import { ConfigError } from './config-error.js';
import { describeValue } from '../shared/describe-value.js';
import { readConfigFile } from './config-file.reader.js';
import { applyOverrides, type ConfigFlags } from './config-overrides.js';
import { readClients } from './clients.section.js';
import { readConsents, readResourceServers } from './consents.section.js';
import { readDatabase } from './database.section.js';
import { readDirectory } from './directory.section.js';
import { readMetrics } from './metrics.section.js';
import { readDpop } from './dpop.section.js';
import { readHousekeeping } from './housekeeping.section.js';
import { readOutbound } from './outbound.section.js';
import { readConnections } from './connections.section.js';
import { readRateLimits } from './rate-limits.section.js';
import { SUPPORTED_GRANT_TYPES } from '../grants/grant-types.js';
import { readProfile } from './profile.section.js';
import { readPsuLockout } from './psu-lockout.section.js';
import { readSandbox } from './sandbox.section.js';
import { readWorkers } from './workers.section.js';
import { checkTlsFiles, checkTrustAnchorFile } from './tls-material.check.js';

/** Inputs of `loadConfig`; everything is injectable so tests need no process globals. */
export interface LoadConfigOptions {
  /** `--config`; falls back to `OBAS_CONFIG`. Relative to `cwd`. */
  readonly configPath?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly cwd?: string;
  readonly flags?: ConfigFlags;
  /** Grant types static clients may register (the grant registry's keys). */
  readonly supportedGrantTypes?: readonly string[];
}

const TOP_LEVEL_KEYS = [
  'issuer',
  'dataDir',
  'frontChannel',
  'mtls',
  'trustAnchors',
  'trustDevCa',
  'trustedProxies',
  'database',
  'profile',
  'limits',
  'clients',
  'directory',
  'sandbox',
  'psuLockout',
  'logLevel',
  'consents',
  'resourceServers',
  'metrics',
  'dpop',
  'housekeeping',
  'outbound',
  'rateLimits',
  'connections',
  'workers',
];

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Defaults with no configuration at all (documented in docs/configuration.md). */
const CONFIG_DEFAULTS = {
  dataDir: '.obas',
  frontChannel: { host: '127.0.0.1', port: 8443 },
  mtls: { host: '127.0.0.1', port: 8444 },
  sqliteFileName: 'obas.db',
  limits: { bodyBytes: 16_384, parameters: 64, parameterLength: 8_192 },
  logLevel: 'info',
  supportedGrantTypes: SUPPORTED_GRANT_TYPES,
} as const;

const LIMIT_BOUNDS: Readonly<Record<keyof RequestLimits, readonly [number, number, string]>> = {
  bodyBytes: [1_024, 1_048_576, ' bytes'],
  parameters: [8, 1_000, ''],
  parameterLength: [256, 65_536, ' characters'],
};

/**
 * Loads the configuration once at start: the file (JSON or YAML, `--config` / `OBAS_CONFIG`, optional), then
 * environment variables, then flags; validates everything and resolves defaults. Throws a ConfigError listing every
 * problem as `<key>: got <value>, expected <what>`; the key is the env var or flag when that is where the value came from.
 */
export async function loadConfig(options: LoadConfigOptions = {}): Promise<ObasConfig> {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const configPath = options.configPath ?? nonEmpty(env['OBAS_CONFIG']);
  const configKey = options.configPath === undefined ? 'OBAS_CONFIG' : '--config';
  const fileBaseDir = configPath === undefined ? cwd : dirname(resolve(cwd, configPath));
  const file = configPath === undefined ? {} : readConfigFile(resolve(cwd, configPath), configKey);

  if (typeof file !== 'object' || file === null || Array.isArray(file)) {
    throw new ConfigError([{ key: configKey, problem: `got ${configPath} holding ${describeValue(file)}, expected an object of settings` }]);
  }
  const { raw, origins } = applyOverrides(file as Record<string, unknown>, fileBaseDir, env, options.flags ?? {}, cwd);
  const checker = new ConfigChecker(origins, fileBaseDir);
  checker.object(raw, '', TOP_LEVEL_KEYS);
  const config = readConfig(checker, raw, cwd, options.supportedGrantTypes ?? CONFIG_DEFAULTS.supportedGrantTypes);
  if (checker.issues.length > 0) throw new ConfigError(checker.issues);
  return config;
}

function readConfig(checker: ConfigChecker, raw: Record<string, unknown>, cwd: string, grantTypes: readonly string[]): ObasConfig {
  const dataDir = readDataDir(checker, raw['dataDir'] ?? CONFIG_DEFAULTS.dataDir, cwd);
  const frontSection = section(checker, raw, 'frontChannel', ['host', 'port', 'tls']);
  const mtlsSection = section(checker, raw, 'mtls', ['host', 'port', 'baseUrl', 'tls']);
  const frontChannel = readListener(checker, frontSection, 'frontChannel', CONFIG_DEFAULTS.frontChannel);
  const mtls = readListener(checker, mtlsSection, 'mtls', CONFIG_DEFAULTS.mtls);
  const issuer = raw['issuer'] === undefined ? `https://localhost:${frontChannel.port}` : checker.httpsBaseUrl(raw['issuer'], 'issuer');
  const mtlsBaseUrl =
    mtlsSection['baseUrl'] === undefined ? withPort(issuer, mtls.port) : checker.httpsBaseUrl(mtlsSection['baseUrl'], 'mtls.baseUrl');

  const trustAnchorFiles =
    raw['trustAnchors'] === undefined
      ? []
      : (checker.list(raw['trustAnchors'], 'trustAnchors', (item, path) => checkTrustAnchorFile(checker, item, path)) ?? []);
  const trustDevCa = raw['trustDevCa'] === undefined ? trustAnchorFiles.length === 0 : checker.boolean(raw['trustDevCa'], 'trustDevCa');
  const trustedProxies =
    raw['trustedProxies'] === undefined
      ? []
      : (checker.list(raw['trustedProxies'], 'trustedProxies', (item, path) => checker.ipOrCidr(item, path)) ?? []);

  const database = readDatabase(checker, raw['database'], join(dataDir ?? cwd, CONFIG_DEFAULTS.sqliteFileName));

  const profile = readProfile(checker, raw['profile']);
  const limits = readLimits(checker, section(checker, raw, 'limits', Object.keys(LIMIT_BOUNDS)));
  const clients = readClients(checker, raw['clients'], {
    allowedAuthMethods: profile.allowedAuthMethods,
    alwaysBindTokens: profile.alwaysBindTokens,
    supportedGrantTypes: grantTypes,
  });
  const logLevel = raw['logLevel'] === undefined ? CONFIG_DEFAULTS.logLevel : checker.oneOf(raw['logLevel'], 'logLevel', LOG_LEVELS);

  return {
    issuer: issuer ?? '',
    mtlsBaseUrl: mtlsBaseUrl ?? '',
    dataDir: dataDir ?? '',
    frontChannel,
    mtls,
    trustAnchorFiles,
    trustDevCa: trustDevCa ?? false,
    trustedProxies,
    ...(database.databaseUrl === undefined ? {} : { databaseUrl: database.databaseUrl }),
    sqliteFile: database.sqliteFile,
    database: database.settings,
    profile,
    limits,
    clients,
    directory: readDirectory(checker, raw['directory'], trustDevCa ?? false),
    sandbox: readSandbox(checker, raw['sandbox'], trustDevCa ?? false),
    psuLockout: readPsuLockout(checker, raw['psuLockout']),
    logLevel: logLevel ?? 'info',
    consents: readConsents(checker, raw['consents']),
    resourceServers: readResourceServers(checker, raw['resourceServers']),
    metrics: readMetrics(checker, raw['metrics']),
    dpop: readDpop(checker, raw['dpop']),
    housekeeping: readHousekeeping(checker, raw['housekeeping']),
    outbound: readOutbound(checker, raw['outbound'], { trustDevCa: trustDevCa ?? false, trustedProxies, listenerHosts: [frontChannel.host, mtls.host] }),
    workers: readWorkers(checker, raw['workers'], trustDevCa ?? false),
    rateLimits: readRateLimits(checker, raw['rateLimits']),
    connections: readConnections(checker, raw['connections']),
  };
}

const nonEmpty = (value: string | undefined): string | undefined => (value === '' ? undefined : value);

/** An optional object-valued section; `{}` when absent or invalid (the problem is recorded). */
function section(checker: ConfigChecker, raw: Record<string, unknown>, key: string, keys: readonly string[]): Record<string, unknown> {
  return raw[key] === undefined ? {} : (checker.object(raw[key], key, keys) ?? {});
}

/** `dataDir`: always relative to the working directory; must be a directory if it exists. */
function readDataDir(checker: ConfigChecker, value: unknown, cwd: string): string | undefined {
  const dataDir = checker.directory(value, 'dataDir', cwd);
  if (dataDir === undefined) return undefined;
  const existing = statSync(dataDir, { throwIfNoEntry: false });
  if (existing !== undefined && !existing.isDirectory()) return checker.fail('dataDir', value, `a directory (${dataDir} is a file)`);
  return dataDir;
}

function readListener(
  checker: ConfigChecker,
  raw: Record<string, unknown>,
  path: string,
  defaults: { readonly host: string; readonly port: number },
): ListenerConfig {
  const host = raw['host'] === undefined ? defaults.host : (checker.host(raw['host'], childPath(path, 'host')) ?? defaults.host);
  const port =
    raw['port'] === undefined ? defaults.port : (checker.integer(raw['port'], childPath(path, 'port'), 0, 65_535) ?? defaults.port);
  return { host, port, ...checkTlsFiles(checker, raw['tls'], childPath(path, 'tls')) };
}

/** The issuer's scheme, host and path with another port: the default mTLS base URL. */
function withPort(issuer: string | undefined, port: number): string | undefined {
  if (issuer === undefined) return undefined;
  const url = new URL(issuer);
  url.port = String(port);
  return `${url.origin}${url.pathname === '/' ? '' : url.pathname}`;
}

function readLimits(checker: ConfigChecker, raw: Record<string, unknown>): RequestLimits {
  const read = (key: keyof RequestLimits): number => {
    const [min, max, unit] = LIMIT_BOUNDS[key];
    const fallback = CONFIG_DEFAULTS.limits[key];
    return raw[key] === undefined ? fallback : (checker.integer(raw[key], childPath('limits', key), min, max, unit) ?? fallback);
  };
  return { bodyBytes: read('bodyBytes'), parameters: read('parameters'), parameterLength: read('parameterLength') };
}
