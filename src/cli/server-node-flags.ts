/**
 * The Node flags `obas start` is meant to run with; `npm start` and the `obas` command (its shebang) pass them, and
 * the workers of `--workers N` inherit them. `--max-semi-space-size=64` gives V8's young generation 64 MiB semi-spaces
 * instead of 16: at a steady 5 500 token requests a second (bench `obas-opaque-fixed-rate`) the scavenges went from
 * about 14 a second of 4–6 ms each to about 3 of 3–4 ms, and the 99.9th percentile latency from 36–74 ms to 14–22 ms.
 * It costs up to ~150 MiB more memory at peak.
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=64'];

/** The flags of {@link SERVER_NODE_FLAGS} this process was started without (compared by name, any value accepted). */
export function missingServerNodeFlags(execArgv: readonly string[] = process.execArgv): string[] {
  const given = new Set(execArgv.map((argument) => argument.split('=')[0]));
  return SERVER_NODE_FLAGS.filter((flag) => !given.has(flag.split('=')[0]));
}
