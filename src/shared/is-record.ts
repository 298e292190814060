/** Whether `value` is a plain JSON object (not null, not an array): the shape of a JSON object member or body. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
