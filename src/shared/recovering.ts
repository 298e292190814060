/**
 * Runs `attempt`; when it throws or the promise it returns rejects, `onFailure` is given the error, and what it returns
 * (or throws) stands instead. Synchronous when `attempt` is and succeeds: no promise is made for a value at hand, for
 * steps that usually answer at once (a client authenticated on the record this process remembers).
 */
export function recovering<T>(attempt: () => T | Promise<T>, onFailure: (error: unknown) => T | Promise<T>): T | Promise<T> {
  let result: T | Promise<T>;
  try {
    result = attempt();
  } catch (error) {
    return onFailure(error);
  }
  return result instanceof Promise ? result.catch(onFailure) : result;
}
