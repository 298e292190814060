import type { ValueOrigin } from './config-checker.js';
import { isRecord } from '../shared/is-record.js';

/** How an env var / flag string becomes a configuration value before validation. */
type OverrideKind = 'string' | 'integer' | 'boolean' | 'list';

/** Command-line flags `loadConfig` accepts (commander's camelCase option names); values as typed on the command line. */
export interface ConfigFlags {
  readonly dataDir?: string;
  readonly issuer?: string;
  readonly profile?: string;
  readonly frontHost?: string;
  readonly frontPort?: string;
  readonly mtlsHost?: string;
  readonly mtlsPort?: string;
  readonly mtlsBaseUrl?: string;
  readonly databaseUrl?: string;
  readonly logLevel?: string;
  readonly workers?: string;
}

/** One overridable setting: the file key it replaces, its environment variable and optional flag. */
export interface OverrideSpec {
  readonly path: string;
  readonly env: string;
  readonly flag?: keyof ConfigFlags;
  readonly kind: OverrideKind;
}

/** Every environment variable (and flag) that overrides a file key. Flags win over env, env over the file. */
export const CONFIG_OVERRIDES: readonly OverrideSpec[] = [
  { path: 'issuer', env: 'OBAS_ISSUER', flag: 'issuer', kind: 'string' },
  { path: 'dataDir', env: 'OBAS_DATA_DIR', flag: 'dataDir', kind: 'string' },
  { path: 'frontChannel.host', env: 'OBAS_FRONT_HOST', flag: 'frontHost', kind: 'string' },
  { path: 'frontChannel.port', env: 'OBAS_FRONT_PORT', flag: 'frontPort', kind: 'integer' },
  { path: 'frontChannel.tls.key', env: 'OBAS_FRONT_TLS_KEY', kind: 'string' },
  { path: 'frontChannel.tls.cert', env: 'OBAS_FRONT_TLS_CERT', kind: 'string' },
  { path: 'mtls.host', env: 'OBAS_MTLS_HOST', flag: 'mtlsHost', kind: 'string' },
  { path: 'mtls.port', env: 'OBAS_MTLS_PORT', flag: 'mtlsPort', kind: 'integer' },
  { path: 'mtls.baseUrl', env: 'OBAS_MTLS_BASE_URL', flag: 'mtlsBaseUrl', kind: 'string' },
  { path: 'mtls.tls.key', env: 'OBAS_MTLS_TLS_KEY', kind: 'string' },
  { path: 'mtls.tls.cert', env: 'OBAS_MTLS_TLS_CERT', kind: 'string' },
  { path: 'trustAnchors', env: 'OBAS_TRUST_ANCHORS', kind: 'list' },
  { path: 'trustDevCa', env: 'OBAS_TRUST_DEV_CA', kind: 'boolean' },
  { path: 'trustedProxies', env: 'OBAS_TRUSTED_PROXIES', kind: 'list' },
  { path: 'database.url', env: 'DATABASE_URL', flag: 'databaseUrl', kind: 'string' },
  { path: 'database.connectTimeoutMs', env: 'OBAS_DATABASE_CONNECT_TIMEOUT_MS', kind: 'integer' },
  { path: 'database.queryTimeoutMs', env: 'OBAS_DATABASE_QUERY_TIMEOUT_MS', kind: 'integer' },
  { path: 'database.statementTimeoutMs', env: 'OBAS_DATABASE_STATEMENT_TIMEOUT_MS', kind: 'integer' },
  { path: 'database.idleInTransactionTimeoutMs', env: 'OBAS_DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS', kind: 'integer' },
  { path: 'database.sqliteBusyTimeoutMs', env: 'OBAS_DATABASE_SQLITE_BUSY_TIMEOUT_MS', kind: 'integer' },
  { path: 'database.sqliteCommitWindowMs', env: 'OBAS_DATABASE_SQLITE_COMMIT_WINDOW_MS', kind: 'integer' },
  { path: 'database.retryAfterSeconds', env: 'OBAS_DATABASE_RETRY_AFTER_SECONDS', kind: 'integer' },
  { path: 'database.accessTokenCommit', env: 'OBAS_DATABASE_ACCESS_TOKEN_COMMIT', kind: 'string' },
  { path: 'profile.name', env: 'OBAS_PROFILE', flag: 'profile', kind: 'string' },
  { path: 'profile.allowedAuthMethods', env: 'OBAS_AUTH_METHODS', kind: 'list' },
  { path: 'profile.accessTokenFormat', env: 'OBAS_ACCESS_TOKEN_FORMAT', kind: 'string' },
  { path: 'profile.lifetimes.accessToken', env: 'OBAS_ACCESS_TOKEN_LIFETIME', kind: 'integer' },
  { path: 'directory.jwksUrl', env: 'OBAS_DIRECTORY_JWKS_URL', kind: 'string' },
  { path: 'directory.issuers', env: 'OBAS_DIRECTORY_ISSUERS', kind: 'list' },
  { path: 'directory.sandbox', env: 'OBAS_DIRECTORY_SANDBOX', kind: 'boolean' },
  { path: 'logLevel', env: 'OBAS_LOG_LEVEL', flag: 'logLevel', kind: 'string' },
  { path: 'workers', env: 'OBAS_WORKERS', flag: 'workers', kind: 'integer' },
  { path: 'rateLimits.enabled', env: 'OBAS_RATE_LIMITS_ENABLED', kind: 'boolean' },
  { path: 'rateLimits.preset', env: 'OBAS_RATE_LIMITS_PRESET', kind: 'string' },
  { path: 'rateLimits.store', env: 'OBAS_RATE_LIMITS_STORE', kind: 'string' },
];

/** `frontPort` → `--front-port`. */
export const flagLabel = (flag: string): string => `--${flag.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/** Strings that look like the expected type become that type; anything else stays a string for validation to reject. */
function coerce(text: string, kind: OverrideKind): unknown {
  switch (kind) {
    case 'integer':
      return /^-?\d+$/.test(text.trim()) ? Number(text.trim()) : text;
    case 'boolean':
      return text === 'true' ? true : text === 'false' ? false : text;
    case 'list':
      return text.split(',').map((item) => item.trim()).filter((item) => item.length > 0);
    case 'string':
      return text;
  }
}

/** Sets `value` at a dotted path, creating missing objects; leaves a non-object parent alone for validation to report. */
function setPath(root: Record<string, unknown>, path: string, value: unknown): boolean {
  const segments = path.split('.');
  let node = root;
  for (const segment of segments.slice(0, -1)) {
    const next = node[segment] ?? {};
    if (!isRecord(next)) return false;
    node[segment] = next;
    node = next;
  }
  node[segments[segments.length - 1] as string] = value;
  return true;
}

/** The merged raw configuration and, per overridden path, where its value came from. */
export interface MergedConfig {
  readonly raw: Record<string, unknown>;
  readonly origins: Map<string, ValueOrigin>;
}

/**
 * Applies env vars then flags over a copy of the parsed file. Empty env values count as unset. The `profile: "<name>"`
 * shorthand becomes `{ name }` first so that profile knobs can be overridden; errors on it still read `profile`.
 */
export function applyOverrides(
  file: Record<string, unknown>,
  fileBaseDir: string,
  env: Readonly<Record<string, string | undefined>>,
  flags: ConfigFlags,
  cwd: string,
): MergedConfig {
  const raw = structuredClone(file);
  const origins = new Map<string, ValueOrigin>();
  if (typeof raw['profile'] === 'string') {
    raw['profile'] = { name: raw['profile'] };
    origins.set('profile.name', { label: 'profile', baseDir: fileBaseDir });
  }
  for (const spec of CONFIG_OVERRIDES) {
    const fromEnv = env[spec.env];
    if (fromEnv !== undefined && fromEnv !== '' && setPath(raw, spec.path, coerce(fromEnv, spec.kind))) {
      origins.set(spec.path, { label: spec.env, baseDir: cwd });
    }
    const fromFlag = spec.flag === undefined ? undefined : flags[spec.flag];
    if (spec.flag !== undefined && fromFlag !== undefined && setPath(raw, spec.path, coerce(fromFlag, spec.kind))) {
      origins.set(spec.path, { label: flagLabel(spec.flag), baseDir: cwd });
    }
  }
  return { raw, origins };
}
