import type { ObasConfig } from '../config/config.types.js';
import type { ConfigFlags } from '../config/config-overrides.js';
import { loadConfig } from '../config/load-config.js';

/** Loads the validated configuration for a CLI command (file from `--config`, else `OBAS_CONFIG` via loadConfig). */
export type ConfigLoader = (flags?: ConfigFlags) => Promise<ObasConfig>;

/** A loader bound to the global `--config` option of the program. */
export function configLoader(configPath: () => string | undefined): ConfigLoader {
  return (flags) => {
    const path = configPath();
    return loadConfig({ ...(path === undefined ? {} : { configPath: path }), ...(flags === undefined ? {} : { flags }) });
  };
}

/** Prints a start-up or command failure without a stack trace and sets a failing exit code. */
export function reportFailure(error: unknown): void {
  process.stderr.write(`obas: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
