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
