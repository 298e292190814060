import { readFileSync } from 'node:fs';
import { percentile, summarize } from './latency.mjs';
import { cpuMember, measurePoolLoad, outcomeOf } from './load-result.mjs';
import { countAnswer, createTally } from './mtls-pool.mjs';
import { rawMutualTlsPool } from './raw-mtls-pool.mjs';

/**
 * The open-loop load generator: sends the client_credentials form at a fixed offered rate (`rate` per second), the
 * i-th request scheduled at start + i / rate whatever the earlier ones are doing, over mutual TLS with the TPP
 * certificate. A lean keep-alive pool (raw-mtls-pool.mjs: next to nothing allocated per request, so that the loader's
 * own garbage collection hardly pauses it) opens another connection (up to `maxConnections`, below obas's 256 per
 * address) whenever all are busy, so a slow answer never holds back the next send; each latency is measured from the
 * request's SCHEDULED time to the end of its answer, so a stall of the server (or of this loader) counts in full for
 * every request it delayed (no coordinated omission). The loader waits on a timer until {@link TIMER_SLACK_MS} before
 * the next send, then polls the event loop (setImmediate) until it is due: a timer alone fired 1–3 ms late at the
 * 99th percentile, and a late send counts in the latency too, as does any other lag of the loader. A warm-up at the
 * same rate is discarded, then one JSON line: the load.mjs shape plus p99.9, the offered rate, the most requests in
 * flight at once and the loader's send lag (how late it sent requests against their schedule: p99, p99.9 and worst),
 * its own share of the latencies.
 */
const settings = JSON.parse(readFileSync(process.argv[2], 'utf8'));
/** How long before a send the loader stops waiting on a timer and polls the event loop instead. */
const TIMER_SLACK_MS = 2;
const target = rawMutualTlsPool(settings, settings.maxConnections, settings.body);

/** Runs the schedule for `seconds`; resolves once every scheduled request has been answered or has failed. */
function run(seconds, latencies) {
  const tally = createTally();
  const interval = 1000 / settings.rate;
  const total = Math.max(1, Math.round(seconds * settings.rate));
  const start = performance.now();
  let scheduled = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const sendLags = new Float64Array(total);
  return new Promise((resolve) => {
    const finish = () => resolve({ tally, seconds: (performance.now() - start) / 1000, scheduled, maxInFlight, sendLags: sendLags.sort() });
    function send(at) {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      target.send((status, outcome) => {
        countAnswer(tally, status, outcome);
        if (status >= 200 && status <= 299) latencies?.push(performance.now() - at);
        inFlight -= 1;
        if (scheduled === total && inFlight === 0) finish();
      });
    }
    function tick() {
      const now = performance.now();
      for (let at = start + scheduled * interval; scheduled < total && at <= now; at = start + scheduled * interval) {
        sendLags[scheduled] = now - at;
        scheduled += 1;
        send(at);
      }
      if (scheduled === total) return;
      const wait = start + scheduled * interval - performance.now();
      // A timer fires up to a millisecond or more late; close to the next send, poll instead (setImmediate still lets
      // the answers in between). The loader has a core of its own (BENCH_LOAD_CORE), so polling takes nothing from
      // the server.
      if (wait > TIMER_SLACK_MS) setTimeout(tick, wait - TIMER_SLACK_MS);
      else setImmediate(tick);
    }
    tick();
  });
}

const { warmup, measured, latencies, cpuUsage } = await measurePoolLoad(settings, target, run);

const sorted = Float64Array.from(latencies.values()).sort();
process.stdout.write(
  `${JSON.stringify({
    connections: settings.maxConnections,
    seconds: measured.seconds,
    requests: measured.tally.ok,
    rate: measured.tally.ok / measured.seconds,
    ...summarize(sorted),
    p999: percentile(sorted, 99.9),
    ...outcomeOf(measured.tally),
    openLoop: {
      offeredRate: settings.rate,
      rateSource: settings.rateSource,
      scheduled: measured.scheduled,
      maxInFlight: measured.maxInFlight,
      // How late this loader sent requests against their schedule: its own share of the latencies above.
      p99SendLagMs: percentile(measured.sendLags, 99),
      p999SendLagMs: percentile(measured.sendLags, 99.9),
      maxSendLagMs: measured.sendLags.at(-1),
    },
    ...(warmup === undefined ? {} : { warmup: { requests: warmup.tally.ok, ...outcomeOf(warmup.tally) } }),
    ...cpuMember(cpuUsage),
  })}\n`,
);
