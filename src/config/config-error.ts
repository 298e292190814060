/** One configuration problem: the key (file path such as `mtls.port`, or an env var / flag name) and what is wrong. */
export interface ConfigIssue {
  /** Where the value came from: `mtls.port`, `clients[2].scope`, `OBAS_MTLS_PORT`, `--mtls-port`. */
  readonly key: string;
  /** `got <value>, expected <what>`. */
  readonly problem: string;
}

/**
 * Thrown by `loadConfig` when the configuration is unusable. Not an OAuthError: it never reaches a client, it stops
 * start-up. The message lists every problem, one per line, as `<key>: got <value>, expected <what>`.
 */
export class ConfigError extends Error {
  readonly issues: readonly ConfigIssue[];

  constructor(issues: readonly ConfigIssue[]) {
    const noun = issues.length === 1 ? 'problem' : 'problems';
    super(`Invalid configuration (${issues.length} ${noun}):\n${issues.map((i) => `  ${i.key}: ${i.problem}`).join('\n')}`);
    this.name = 'ConfigError';
    this.issues = issues;
  }
}

