import { createHash, randomBytes } from 'node:crypto';

/**
 * What this machine charges for work done right after its core was idle. A server below its peak sleeps between
 * requests (in epoll) and starts each one on a core the gap may have left cold (caches, branch predictors, clock
 * speed, whatever the host ran meanwhile); at its peak it never sleeps. The probe times one unit of request-like
 * JavaScript work (a few hundred small objects and strings, a Map, a SHA-256 of random bytes) run back to back, then
 * run after each of several idle gaps, the thread blocked meanwhile as an event loop is. Runs pinned (by the caller)
 * to the server core; prints one JSON line: the median microseconds per unit for each gap, and the ratio of the
 * 500 µs gap's to the back-to-back one (`afterIdleRatio`). Where that ratio is near 1, waking costs nothing
 * measurable; where it is 2 (the 2-core bench VM of 2026-12-03: 1.7–1.8), work that starts after a sleep takes up to
 * twice as long, and a server answering one request per wake-up pays that on each.
 */
const UNITS = Number(process.argv[2] ?? 1_000);
const GAPS_US = [0, 100, 500, 2_000];
const blocked = new Int32Array(new SharedArrayBuffer(4));

function unitOfWork() {
  const byName = new Map();
  let sum = 0;
  for (let index = 0; index < 200; index += 1) {
    const entry = { index, name: `member-${index}`, pair: [index, index + 1] };
    byName.set(entry.name, entry);
    sum += entry.pair[1];
  }
  return sum + byName.size + createHash('sha256').update(randomBytes(32)).digest('base64url').length;
}

function medianMicroseconds(gapUs) {
  const durations = [];
  for (let unit = 0; unit < UNITS; unit += 1) {
    if (gapUs > 0) Atomics.wait(blocked, 0, 0, gapUs / 1_000);
    const started = process.hrtime.bigint();
    unitOfWork();
    durations.push(Number(process.hrtime.bigint() - started) / 1_000);
  }
  durations.sort((a, b) => a - b);
  return durations[durations.length >> 1];
}

for (let unit = 0; unit < UNITS; unit += 1) unitOfWork();
const medianUs = Object.fromEntries(GAPS_US.map((gap) => [`gap${gap}us`, Number(medianMicroseconds(gap).toFixed(2))]));
process.stdout.write(`${JSON.stringify({ unitsPerGap: UNITS, medianUs, afterIdleRatio: Number((medianUs.gap500us / medianUs.gap0us).toFixed(2)) })}\n`);
