/** What a suite needs from the machine, and how to get it. */
export interface SuiteRequirement {
  /** The environment variable that, set to `1`, turns a skip into a failure (`.ci/run` sets it). */
  readonly variable: string;
  /** What is missing, e.g. `Chromium`. */
  readonly missing: string;
  /** How to get it. */
  readonly install: string;
}

/**
 * Returns `available`. When it is false, prints one line naming what to install (the suites then skip), or throws
 * when the requirement's variable is `1`: on CI a skipped suite is a failed one.
 */
export function requireOrSkip(available: boolean, requirement: SuiteRequirement): boolean {
  if (available) return true;
  const remedy = `To run them: ${requirement.install}.`;
  if (process.env[requirement.variable] === '1') {
    throw new Error(`${requirement.missing} not found, and ${requirement.variable}=1 forbids skipping its suites. ${remedy}`);
  }
  process.stderr.write(`[skip] ${requirement.missing} not found: its suites are skipped. ${remedy}\n`);
  return false;
}
