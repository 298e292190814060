import { watchCpu } from './cpu-usage.mjs';

/**
 * Parts of the one JSON line every load generator prints (load.mjs, prepared-load.mjs, fixed-rate-load.mjs): the
 * latencies of the 2xx answers, what went wrong, and the CPU shares measured by cpu-usage.mjs.
 */

/**
 * Runs a pool-based load (`run(seconds, latencies?)`, which ends by answering its tally): the warm-up when asked,
 * then the measured seconds with the server's CPU watched; the pool is closed afterwards.
 */
export async function measurePoolLoad(settings, pool, run) {
  const warmup = settings.warmupSeconds > 0 ? await run(settings.warmupSeconds) : undefined;
  const cpu = watchCpu({ serverPid: settings.serverPid });
  const latencies = createLatencies();
  const measured = await run(settings.seconds, latencies);
  const cpuUsage = cpu.stop();
  await pool.close();
  return { warmup, measured, latencies, cpuUsage };
}

/** A growable list of latencies in milliseconds. */
export function createLatencies() {
  let values = new Float64Array(1 << 16);
  let length = 0;
  return {
    push(value) {
      if (length === values.length) {
        const grown = new Float64Array(values.length * 2);
        grown.set(values);
        values = grown;
      }
      values[length++] = value;
    },
    values: () => values.subarray(0, length),
  };
}

/** The outcome members of a load result from a tally of mtls-pool.mjs. */
export function outcomeOf(tally) {
  return { non2xx: tally.non2xx, errors: tally.errors, timeouts: tally.timeouts, statusCodes: tally.statusCodes };
}

/**
 * The `cpu` member of a load result (see cpu-usage.mjs): the server's, this load generator's and, with `database`,
 * PostgreSQL's share of one core, and the share of the machine other processes took; empty where /proc cannot be read.
 */
export function cpuMember(cpuUsage, database = false) {
  if (cpuUsage === undefined) return {};
  return {
    cpu: {
      serverCorePercent: cpuUsage.serverCorePercent,
      loadCorePercent: cpuUsage.selfCorePercent,
      ...(database ? { databaseCorePercent: cpuUsage.databaseCorePercent } : {}),
      otherProcessesPercent: cpuUsage.otherProcessesPercent,
    },
  };
}
