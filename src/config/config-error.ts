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

const MAX_SHOWN = 80;

/**
 * Renders a value for an error message: JSON, shortened to 80 characters. Callers never pass secrets; values that may
 * hold credentials (database URLs) are redacted before they get here.
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 1)}…` : text;
}

/** `got <value>, expected <expectation>` — the one shape every problem text takes. */
export function gotExpected(value: unknown, expected: string): string {
  return `got ${describeValue(value)}, expected ${expected}`;
}
