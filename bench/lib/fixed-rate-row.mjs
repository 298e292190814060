import { fileURLToPath } from 'node:url';

const FIXED_RATE_LOAD = fileURLToPath(new URL('./fixed-rate-load.mjs', import.meta.url));
/** Connections the open-loop generator may open: below obas's default cap of 256 per client address. */
const MAX_CONNECTIONS = 200;

/** The latency targets of the fixed-rate row (issue 10, target 5), in milliseconds. */
export const FIXED_RATE_TARGETS = { p99: 5, p999: 20 };

/**
 * The offered rate of an open-loop row: `share` of the rate `peakId` reached earlier in the same round, or, when that
 * row was not run (or was invalid), `settings.fixedRate` (BENCH_FIXED_RATE); with neither, an error fails the row.
 */
function offeredRate(peakId, share, { measured, settings }) {
  const peak = measured.find((row) => row.id === peakId && row.valid && row.rate > 0);
  if (peak !== undefined) return { rate: peak.rate * share, rateSource: `${share * 100}% of ${peakId} (${peak.rate.toFixed(0)} req/s) this round` };
  if (settings.fixedRate !== undefined) return { rate: settings.fixedRate, rateSource: 'BENCH_FIXED_RATE' };
  throw new Error(`no offered rate: run ${peakId} before it (BENCH_ONLY) or set BENCH_FIXED_RATE`);
}

/**
 * Loads a scenario open loop: its server, sent requests by fixed-rate-load.mjs at `share` of the rate `peakId`
 * reached in the same round, latencies taken from each request's scheduled send time. A `reference` row is not judged
 * against FIXED_RATE_TARGETS: it shows what a bare server gets under the same load, at the same share of its own peak.
 */
export function fixedRateRow(scenario, { peakId, share = 0.5, reference = false }) {
  return {
    ...scenario,
    latencyReference: reference,
    load: { script: FIXED_RATE_LOAD },
    async start(fixtures, context) {
      const offered = offeredRate(peakId, share, context);
      const server = await scenario.start(fixtures, context);
      return { ...server, load: { ...server.load, ...offered, maxConnections: MAX_CONNECTIONS } };
    },
  };
}
