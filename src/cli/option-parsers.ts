import { InvalidArgumentError } from 'commander';

/** Commander argument parser: wraps a validator's plain Error into the InvalidArgumentError commander reports. */
export function validated<T>(parse: (value: string) => T): (value: string) => T {
  return (value) => {
    try {
      return parse(value);
    } catch (error) {
      throw new InvalidArgumentError((error as Error).message);
    }
  };
}

/** A repeatable option: each occurrence is validated and appended. */
export function collect<T>(parse: (value: string) => T): (value: string, previous: T[]) => T[] {
  const parseOne = validated(parse);
  return (value, previous) => [...previous, parseOne(value)];
}

/** A whole number of days from 1 to 3650, for validity options. */
export function parseDays(value: string): number {
  const days = Number(value);
  if (!Number.isInteger(days) || days < 1 || days > 3650) throw new Error('--days must be a whole number from 1 to 3650');
  return days;
}
