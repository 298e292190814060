import type { ObasConfig } from '../config/config.types.js';
import { CONFIG_OVERRIDES, flagLabel } from '../config/config-overrides.js';

/** The listeners `obas start` opens, by the configuration key of their port. */
const LISTENERS = [
  { name: 'front channel', portKey: 'frontChannel.port', listener: (config: ObasConfig) => config.frontChannel },
  { name: 'mutual TLS', portKey: 'mtls.port', listener: (config: ObasConfig) => config.mtls },
] as const;

/** Why a port cannot be listened on, by the `code` of Node's listen error. */
const REASONS: Readonly<Record<string, string>> = {
  EADDRINUSE: 'is in use',
  EACCES: 'needs privileges this process does not have',
  EADDRNOTAVAIL: 'is on an address this machine does not have',
};

/** The flag and environment variable that set a configuration key, as `--front-port or OBAS_FRONT_PORT`. */
function overridesOf(path: string): string {
  const spec = CONFIG_OVERRIDES.find((override) => override.path === path);
  const names = spec === undefined ? [] : [...(spec.flag === undefined ? [] : [flagLabel(spec.flag)]), spec.env];
  return [...names, `${path} in the configuration file`].join(' or ');
}

/**
 * Turns a listen failure of `obas start` into an error naming the listener, its port and what moves it, e.g.
 * `front channel port 8443 (127.0.0.1) is in use: set --front-port or OBAS_FRONT_PORT or frontChannel.port in the
 * configuration file`. Any other error is returned as it is.
 */
export function explainListenFailure(error: unknown, config: ObasConfig): unknown {
  const { code, port, syscall } = (error ?? {}) as { code?: unknown; port?: unknown; syscall?: unknown };
  const reason = typeof code === 'string' ? REASONS[code] : undefined;
  const failed = LISTENERS.find((candidate) => candidate.listener(config).port === port);
  if (syscall !== 'listen' || reason === undefined || failed === undefined) return error;
  const { host } = failed.listener(config);
  return new Error(`${failed.name} port ${String(port)} (${host}) ${reason}: set ${overridesOf(failed.portKey)}`, { cause: error });
}
