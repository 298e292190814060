const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-](\d{2}):(\d{2}))$/;

/**
 * Parses a UK Open Banking date-time: ISO 8601 / RFC 3339 §5.6 `date-time` with seconds and a mandatory time zone
 * (`Z` or `±hh:mm`), e.g. `2017-06-05T15:15:13+00:00`. Undefined for anything else, including impossible calendar dates
 * (`2025-02-30`) and leap seconds, which a Date cannot hold.
 */
export function parseUkDateTime(value: string): Date | undefined {
  const match = DATE_TIME.exec(value);
  if (match === null) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const calendar = new Date(Date.UTC(year, month - 1, day));
  const dateExists = calendar.getUTCFullYear() === year && calendar.getUTCMonth() === month - 1 && calendar.getUTCDate() === day;
  const offsetValid = match[8] === 'Z' || (Number(match[9]) <= 23 && Number(match[10]) <= 59);
  if (!dateExists || !offsetValid || hour > 23 || minute > 59 || second > 59) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** Whether `value` is a date-time {@link parseUkDateTime} accepts (the `date-time` format of the request schemas). */
export function isUkDateTime(value: string): boolean {
  return parseUkDateTime(value) !== undefined;
}
