import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';

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

/** CPU ticks of every PostgreSQL server process (command name `postgres`) alive now, by pid. */
function postgresTicks() {
  const ticks = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres') ticks.set(entry, processTicks(entry));
    } catch {
      // the process ended while the directory was read
    }
  }
  return ticks;
}

/** Ticks PostgreSQL spent between two snapshots (processes that ended in between are lost, and count as others). */
function postgresDelta(before, after) {
  let sum = 0;
  for (const [pid, ticks] of after) sum += Math.max(0, ticks - (before.get(pid) ?? 0));
  return sum;
}

/** Busy and total clock ticks of the whole machine (first line of /proc/stat). */
function machineTicks() {
  const [, ...values] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  const idle = (values[3] ?? 0) + (values[4] ?? 0);
  const total = values.reduce((sum, value) => sum + value, 0);
  return { busy: total - idle, total };
}

/**
 * Watches CPU use while a scenario runs: how much of one core the server used (below ~95% the load generator, not the
 * server, was the limit), how much the load generator used, and how much of the machine went to processes outside the
 * bench — other work that disturbs the numbers. With `database`, PostgreSQL's server processes are counted apart
 * (`databaseCorePercent`) instead of as others. A process that has exited by `stop` reports its own CPU time to it
 * (`serverCpuMs` when there is no `serverPid` to watch, `loadCpuMs`). Linux only; `stop` returns undefined where
 * /proc is missing.
 */
export function watchCpu(serverPid, { database = false } = {}) {
  const serverTicks = () => (serverPid === undefined ? 0 : processTicks(serverPid));
  let before;
  try {
    before = {
      machine: machineTicks(),
      server: serverTicks(),
      self: processTicks(process.pid),
      database: database ? postgresTicks() : new Map(),
    };
  } catch {
    return { stop: () => undefined };
  }
  const ticksOf = (ms) => (ms * TICKS_PER_SECOND) / 1000;
  return {
    stop({ serverCpuMs = 0, loadCpuMs = 0 } = {}) {
      const machine = machineTicks();
      const total = machine.total - before.machine.total;
      if (total <= 0) return undefined;
      const server = serverTicks() - before.server + ticksOf(serverCpuMs);
      const self = processTicks(process.pid) - before.self;
      const load = ticksOf(loadCpuMs);
      const db = database ? postgresDelta(before.database, postgresTicks()) : 0;
      const other = Math.max(0, machine.busy - before.machine.busy - server - self - load - db);
      const coreTicks = total / cpus().length;
      return {
        serverCorePercent: (100 * server) / coreTicks,
        loadCorePercent: (100 * load) / coreTicks,
        ...(database ? { databaseCorePercent: (100 * db) / coreTicks } : {}),
        otherProcessesPercent: (100 * other) / total,
      };
    },
  };
}
