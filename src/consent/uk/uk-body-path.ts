import { isRecord } from '../../shared/is-record.js';

/**
 * Writes a location in a consent request body the way UK OB `Errors[].Path` does: members joined by dots, array
 * indexes in brackets, e.g. `Data.Initiation.InstructedAmount.Amount`, `Data.Permissions[2]`.
 */
export function bodyPath(segments: readonly string[]): string {
  return segments.map((segment, index) => (/^\d+$/.test(segment) ? `[${segment}]` : index === 0 ? segment : `.${segment}`)).join('');
}

/** The value at a dotted path (`Initiation.InstructedAmount`) under `root`, or undefined when any step is not an object. */
export function valueAt(root: unknown, path: string): unknown {
  let value = root;
  for (const member of path.split('.')) {
    if (!isRecord(value)) return undefined;
    value = value[member];
  }
  return value;
}

/** The string at `path` under `root`, or undefined when it is absent or not a string. */
export function stringAt(root: unknown, path: string): string | undefined {
  const value = valueAt(root, path);
  return typeof value === 'string' ? value : undefined;
}
