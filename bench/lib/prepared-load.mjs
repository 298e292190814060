import { readFileSync } from 'node:fs';
import { summarize } from './latency.mjs';
import { cpuMember, measurePoolLoad, outcomeOf } from './load-result.mjs';
import { createTally, mutualTlsPool, postForm } from './mtls-pool.mjs';

/**
 * The load generator of the grants whose requests carry a prepared, possibly single-use value (authorization codes,
 * refresh tokens): a closed loop of N keep-alive mutual-TLS connections (undici), like load.mjs, but each request
 * POSTs the next form of the prepared list (`preparedFile`: `{ bodies, reuse }`). Without `reuse` every form is sent
 * exactly once, and running out of forms is reported (`exhausted`, which invalidates the row) rather than sending one
 * twice; with `reuse` (refresh tokens that are not rotated) the list is sent round and round. A warm-up run is
 * discarded, then the measured run prints one JSON line of the shape load.mjs prints.
 */
const settings = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const { bodies, reuse } = JSON.parse(readFileSync(settings.preparedFile, 'utf8'));
const target = mutualTlsPool(settings, settings.connections);

let cursor = 0;
let sent = 0;
let exhausted = false;
function nextBody() {
  if (cursor === bodies.length && reuse) cursor = 0;
  if (cursor === bodies.length) {
    exhausted = true;
    return undefined;
  }
  sent += 1;
  return bodies[cursor++];
}

/** Runs the closed loop for `seconds`; resolves the tally and the seconds it took (the last answers included). */
async function run(seconds, latencies) {
  const tally = createTally();
  const started = performance.now();
  const end = started + seconds * 1000;
  async function connectionLoop() {
    while (performance.now() < end) {
      const body = nextBody();
      if (body === undefined) return;
      const sentAt = performance.now();
      const status = await postForm(target, body, tally);
      if (status >= 200 && status <= 299) latencies?.push(performance.now() - sentAt);
    }
  }
  await Promise.all(Array.from({ length: settings.connections }, connectionLoop));
  return { tally, seconds: (performance.now() - started) / 1000 };
}

const { warmup, measured, latencies, cpuUsage } = await measurePoolLoad(settings, target.pool, run);

process.stdout.write(
  `${JSON.stringify({
    connections: settings.connections,
    seconds: measured.seconds,
    requests: measured.tally.ok,
    rate: measured.tally.ok / measured.seconds,
    ...summarize(latencies.values()),
    ...outcomeOf(measured.tally),
    prepared: { count: bodies.length, sent, reuse, exhausted },
    ...(warmup === undefined ? {} : { warmup: { requests: warmup.tally.ok, ...outcomeOf(warmup.tally) } }),
    ...cpuMember(cpuUsage),
  })}\n`,
);
