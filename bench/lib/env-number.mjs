/** A numeric setting from the environment: `fallback` when unset or empty, else a number >= `min` (or it throws). */
export function numberFromEnv(name, fallback, min) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min) throw new Error(`${name}: got ${raw}, expected a number >= ${min}`);
  return value;
}
