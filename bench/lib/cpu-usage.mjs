import { readFileSync } from 'node:fs';

/** USER_HZ: the unit of /proc CPU times on Linux (sysconf(_SC_CLK_TCK) is 100 on every mainstream architecture). */
const TICKS_PER_SECOND = 100;

/** CPU time in clock ticks spent by one process (utime + stime, proc(5)), 0 once it is gone. */
function processTicks(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

/** Busy and total clock ticks of the whole machine (first line of /proc/stat). */
function machineTicks() {
  const [, ...values] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  const idle = (values[3] ?? 0) + (values[4] ?? 0);
  const total = values.reduce((sum, value) => sum + value, 0);
  return { busy: total - idle, total };
}

/**
 * Watches CPU use during a measurement: how busy the machine was, and how much of that was *not* the bench's own
 * processes (other work on the machine that disturbs the numbers). `pids` are watched processes still alive at
 * `stop`; processes that exited in between report their own CPU time to `stop` in milliseconds. Linux only.
 */
export function watchCpu(pids) {
  let before;
  try {
    before = { machine: machineTicks(), own: pids.map(processTicks) };
  } catch {
    return { stop: () => undefined };
  }
  return {
    stop(exitedOwnMs = 0) {
      const machine = machineTicks();
      const watched = pids.map(processTicks).reduce((sum, ticks, i) => sum + Math.max(0, ticks - (before.own[i] ?? 0)), 0);
      const own = watched + (exitedOwnMs * TICKS_PER_SECOND) / 1000;
      const total = machine.total - before.machine.total;
      const busy = machine.busy - before.machine.busy;
      if (total <= 0) return undefined;
      return { machineBusyPercent: (100 * busy) / total, otherProcessesPercent: (100 * Math.max(0, busy - own)) / total };
    },
  };
}
