import type { MetricsConfig } from './config.types.js';
import { childPath, type ConfigChecker } from './config-checker.js';

const METRICS_KEYS = ['enabled', 'host', 'port'];

/**
 * Defaults of the `metrics` section (docs/configuration.md): on, loopback only, port 9464 (the range Prometheus
 * exporters use by convention).
 */
export const METRICS_DEFAULTS: MetricsConfig = { enabled: true, host: '127.0.0.1', port: 9464 };

/**
 * `metrics`: the Prometheus listener, plain HTTP apart from the two public listeners. It serves `GET /metrics` only;
 * exposing it beyond loopback is an operator's explicit choice (`host`).
 */
export function readMetrics(checker: ConfigChecker, raw: unknown, path = 'metrics'): MetricsConfig {
  const section = raw === undefined ? {} : (checker.object(raw, path, METRICS_KEYS) ?? {});
  const at = (key: string) => childPath(path, key);
  const enabled = section['enabled'] === undefined ? METRICS_DEFAULTS.enabled : checker.boolean(section['enabled'], at('enabled'));
  const host = section['host'] === undefined ? METRICS_DEFAULTS.host : checker.host(section['host'], at('host'));
  const port = section['port'] === undefined ? METRICS_DEFAULTS.port : checker.integer(section['port'], at('port'), 0, 65_535);
  return {
    enabled: enabled ?? METRICS_DEFAULTS.enabled,
    host: host ?? METRICS_DEFAULTS.host,
    port: port ?? METRICS_DEFAULTS.port,
  };
}
