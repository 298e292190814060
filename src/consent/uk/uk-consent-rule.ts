import type { FieldProblem } from '../../errors/oauth-error.js';
import { stringAt } from './uk-body-path.js';
import { parseUkDateTime } from './uk-date-time.js';

/**
 * A business rule of a UK OB consent resource that its JSON Schema cannot express. It reads the request's `Data`
 * defensively (the schema may have failed too: a member of the wrong type is left to the schema's report) and returns
 * the problems found, with paths from the body root (`Data.…`).
 */
export type UkConsentRule = (data: Readonly<Record<string, unknown>>, now: Date) => FieldProblem[];

/** A well-formed date-time at `path` (relative to `Data`), or undefined. */
export function dateAt(data: Readonly<Record<string, unknown>>, path: string): Date | undefined {
  const value = stringAt(data, path);
  return value === undefined ? undefined : parseUkDateTime(value);
}

/** The date-time at `path`, when present, must be later than `now`. */
export function futureDateRule(path: string, reason: 'expiration_date_past' | 'execution_date_past'): UkConsentRule {
  return (data, now) => {
    const date = dateAt(data, path);
    return date !== undefined && date <= now ? [{ reason, message: 'Must be in the future', path: `Data.${path}` }] : [];
  };
}

/** When both date-times are present, the one at `laterPath` must not come before the one at `earlierPath`. */
export function datesInOrderRule(earlierPath: string, laterPath: string): UkConsentRule {
  return (data) => {
    const earlier = dateAt(data, earlierPath);
    const later = dateAt(data, laterPath);
    if (earlier === undefined || later === undefined || later >= earlier) return [];
    return [{ reason: 'field_invalid_date', message: `Must not be before Data.${earlierPath}`, path: `Data.${laterPath}` }];
  };
}
