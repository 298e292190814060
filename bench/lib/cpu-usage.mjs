import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';

/** CPU time in clock ticks spent by one process (utime + stime, proc(5)), 0 once it is gone. */
export function processTicks(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

/** CPU ticks of `pid` and of every process below it (the workers of `obas start --workers N`). */
function processTreeTicks(pid) {
  const parents = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(entry, stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    } catch {
      // the process ended while /proc was read
    }
  }
  const tree = new Set([String(pid)]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [child, parent] of parents) {
      if (!tree.has(child) && tree.has(parent)) {
        tree.add(child);
        grew = true;
      }
    }
  }
  return [...tree].reduce((sum, member) => sum + processTicks(member), 0);
}

/** CPU ticks of every PostgreSQL server process (command name `postgres`) alive now, by pid. */
function postgresTicks() {
  const ticks = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres') ticks.set(entry, processTicks(entry));
    } catch {
      // the process ended while /proc was read
    }
  }
  return ticks;
}

/** Ticks PostgreSQL spent between two snapshots (a backend that ended in between counts as others). */
function postgresDelta(before, after) {
  let sum = 0;
  for (const [pid, ticks] of after) sum += Math.max(0, ticks - (before.get(pid) ?? 0));
  return sum;
}

/** Busy and total clock ticks of the whole machine (first line of /proc/stat; idle = idle + iowait). */
function machineTicks() {
  const [, ...values] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  const idle = (values[3] ?? 0) + (values[4] ?? 0);
  const total = values.reduce((sum, value) => sum + value, 0);
  return { busy: total - idle, total };
}

/**
 * Watches CPU use during a measurement, from inside the process that measures: how much of one core the server used
 * (`serverPid` and the processes below it, so a primary's workers count; below ~95% of its cores something other than
 * the server was the limit), how much this process used, with
 * `database` how much PostgreSQL's server processes used, and how much of the whole machine went to anything else —
 * work that disturbs the numbers. Linux only: `stop` returns undefined where /proc cannot be read.
 */
export function watchCpu({ serverPid, database = false } = {}) {
  const snapshot = () => ({
    machine: machineTicks(),
    server: serverPid === undefined ? 0 : processTreeTicks(serverPid),
    self: processTicks(process.pid),
    database: database ? postgresTicks() : new Map(),
  });
  let before;
  try {
    before = snapshot();
  } catch {
    return { stop: () => undefined };
  }
  return {
    stop() {
      const after = snapshot();
      const total = after.machine.total - before.machine.total;
      if (total <= 0) return undefined;
      const server = after.server - before.server;
      const self = after.self - before.self;
      const db = postgresDelta(before.database, after.database);
      const other = Math.max(0, after.machine.busy - before.machine.busy - server - self - db);
      const coreTicks = total / cpus().length;
      return {
        serverCorePercent: (100 * server) / coreTicks,
        selfCorePercent: (100 * self) / coreTicks,
        ...(database ? { databaseCorePercent: (100 * db) / coreTicks } : {}),
        otherProcessesPercent: (100 * other) / total,
      };
    },
  };
}
