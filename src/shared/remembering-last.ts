/**
 * `compute` remembering its last argument and result: for a value asked for again and again with the same argument
 * before it moves on (the issue-time strings of the tokens issued within one millisecond, a dozen at the peak).
 */
export function rememberingLast<T>(compute: (argument: number) => T): (argument: number) => T {
  let lastArgument = Number.NaN;
  let lastResult: T;
  return (argument) => {
    if (argument !== lastArgument) {
      lastResult = compute(argument);
      lastArgument = argument;
    }
    return lastResult;
  };
}
