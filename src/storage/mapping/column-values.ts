/**
 * The value of a JSON column as written by `JSON.stringify`: `text` on SQLite comes back as a string, `jsonb` on
 * PostgreSQL comes back parsed.
 */
export function fromJsonColumn<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

/** A nullable millisecond column as an optional Date. */
export function optionalDate(value: number | null): Date | undefined {
  return value === null ? undefined : new Date(value);
}

/** A nullable column as an optional value. */
export function optional<T>(value: T | null): T | undefined {
  return value === null ? undefined : value;
}

/**
 * Builds a record from every member of `T`, leaving out the undefined ones, so that absent optional fields are absent
 * rather than `undefined` (exactOptionalPropertyTypes). Listing every member makes a forgotten column a type error.
 */
export function recordOf<T extends object>(members: { [K in keyof T]-?: T[K] | undefined }): T {
  const record: Partial<T> = {};
  for (const key in members) {
    if (members[key] !== undefined) record[key] = members[key];
  }
  return record as T;
}
