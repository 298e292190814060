import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ratePerServerCore } from './report.mjs';
import { SOAK_TABLES } from './growth-soak.mjs';

/**
 * Verdicts and the printed table of the growth bench (growth.mjs): issuance on a seeded database against an empty
 * one, and the soak's bounded tables and RSS.
 */

/** Seeded issuance must reach this share of empty-database issuance, per second of server CPU. */
export const SEEDED_TARGET = 0.9;
/** A table's last-third maximum may exceed its expected steady state by this factor… */
const STEADY_STATE_MARGIN = 1.25;
/** …and its middle-third maximum by this one (it no longer grows). */
const STILL_GROWING_MARGIN = 1.1;
/** Most RSS growth over the soak, from the first sample after RSS_FROM_SECONDS. */
const RSS_GROWTH_LIMIT = 0.1;
const RSS_FROM_SECONDS = 60;

const lowerMedian = (values) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
const divide = (top, bottom) => (top === undefined || bottom === undefined || bottom === 0 ? undefined : top / bottom);

/** Requests per second of server and database CPU together (PostgreSQL's backends counted); undefined without them. */
function ratePerServerAndDatabaseCore(row) {
  const share = ((row.cpu?.serverCorePercent ?? 0) + (row.cpu?.databaseCorePercent ?? 0)) / 100;
  return row.cpu?.databaseCorePercent === undefined || share === 0 ? undefined : row.rate / share;
}

/**
 * The seeded/empty ratios of one database over the rounds (`rounds`: `{ empty, seeded }` rows of measure-http.mjs):
 * per round on req/s, per server core-s and, on PostgreSQL, per core-s of obas and the database together; the median
 * of each, judged per core-s (both bases on PostgreSQL).
 */
export function judgeIssuance(rounds) {
  const valid = rounds.every((round) => round.empty.valid && round.seeded.valid);
  const perRound = rounds.map(({ empty, seeded }) => ({
    rate: divide(seeded.rate, empty.rate),
    perServerCore: divide(ratePerServerCore(seeded), ratePerServerCore(empty)),
    perServerAndDatabaseCore: divide(ratePerServerAndDatabaseCore(seeded), ratePerServerAndDatabaseCore(empty)),
  }));
  const median = (key) => (valid && perRound.every((ratio) => ratio[key] !== undefined) ? lowerMedian(perRound.map((ratio) => ratio[key])) : undefined);
  const summary = { rate: median('rate'), perServerCore: median('perServerCore'), perServerAndDatabaseCore: median('perServerAndDatabaseCore') };
  const judged = [summary.perServerCore, ...(rounds[0]?.empty.cpu?.databaseCorePercent === undefined ? [] : [summary.perServerAndDatabaseCore])];
  return { valid, perRound, ...summary, target: SEEDED_TARGET, met: valid && judged.every((value) => value !== undefined && value >= SEEDED_TARGET) };
}

/** How long a row of `table` may exist in the soak: its lifetime, the retention and at most one interval. */
function rowLifeSeconds(table, soak) {
  const lifetime = table === 'authorization_codes' ? Math.min(60, soak.tokenSeconds) : soak.tokenSeconds;
  return lifetime + soak.retentionSeconds + soak.intervalSeconds;
}

/** The sample member counting what was created so far in `table`: tokens obas issued, or PSU grants written. */
const createdKey = (table) => (table === 'access_tokens' ? 'issuedTotal' : 'grantsWritten');

/** `key` at `second`, linear between samples (the first sample's value before it). */
function valueAt(samples, key, second) {
  const after = samples.findIndex((sample) => sample.second >= second);
  if (after <= 0) return after === 0 ? samples[0][key] : samples.at(-1)[key];
  const [a, b] = [samples[after - 1], samples[after]];
  return a[key] + ((b[key] - a[key]) * (second - a.second)) / Math.max(1, b.second - a.second);
}

/**
 * The soak's verdicts. A table is bounded when, at every sample after its first row life (lifetime + retention +
 * interval), it holds at most STEADY_STATE_MARGIN × the rows created within the row life before that sample (what
 * housekeeping may still legitimately keep: a row goes at the first sweep after lifetime + retention), so the bound
 * follows the rate when the shared machine speeds up or slows down. Also shown, as the issue words it, on the mean
 * rate: the last third's largest count against rate × row life × STEADY_STATE_MARGIN and against
 * STILL_GROWING_MARGIN × the middle third's largest count. RSS must grow less than RSS_GROWTH_LIMIT from the median
 * of the samples in the third of the run from 60 s on (from a third of the run when shorter) to the median of the last
 * third; the first sample after 60 s against the last one is kept too.
 */
export function judgeSoak(result, soak) {
  const { samples } = result;
  const total = samples.at(-1)?.second ?? 0;
  const middle = samples.filter((sample) => sample.second > total / 3 && sample.second <= (2 * total) / 3);
  const last = samples.filter((sample) => sample.second > (2 * total) / 3);
  const rates = { access_tokens: result.load.rate, authorization_codes: soak.grantsPerSecond, grants: soak.grantsPerSecond, refresh_tokens: soak.grantsPerSecond };
  const tables = SOAK_TABLES.map((table) => {
    const life = rowLifeSeconds(table, soak);
    const judged = samples.filter((sample) => sample.second >= life);
    const occupancy = judged.map((sample) => {
      const allowed = valueAt(samples, createdKey(table), sample.second) - valueAt(samples, createdKey(table), sample.second - life);
      return sample[table] / Math.max(1, allowed);
    });
    const worstOccupancy = occupancy.length === 0 ? undefined : Math.max(...occupancy);
    const expected = rates[table] * life;
    const middleMax = Math.max(...middle.map((sample) => sample[table]));
    const lastMax = Math.max(...last.map((sample) => sample[table]));
    return {
      table,
      rowLifeSeconds: life,
      worstOccupancy,
      bounded: worstOccupancy !== undefined && worstOccupancy <= STEADY_STATE_MARGIN,
      expectedSteadyState: Math.round(expected),
      middleThirdMax: middleMax,
      lastThirdMax: lastMax,
      lastThirdWithinSteadyState: lastMax <= STEADY_STATE_MARGIN * expected,
      lastThirdNotAboveMiddle: lastMax <= STILL_GROWING_MARGIN * Math.max(1, middleMax),
    };
  });
  const startSecond = Math.min(RSS_FROM_SECONDS, total / 3);
  const from = samples.find((sample) => sample.second >= startSecond);
  const to = samples.at(-1);
  const pointGrowth = from === undefined || to === undefined ? undefined : to.rssKiB / from.rssKiB - 1;
  // One sample's RSS swings by ±20 % with garbage collection; a leak shows as a trend, so medians are judged.
  const early = samples.filter((sample) => sample.second >= startSecond && sample.second <= startSecond + total / 3);
  const [earlyMedian, lateMedian] = [lowerMedian(early.map((sample) => sample.rssKiB)), lowerMedian(last.map((sample) => sample.rssKiB))];
  const growth = earlyMedian === undefined || lateMedian === undefined ? undefined : lateMedian / earlyMedian - 1;
  const loadClean = result.load.non2xx === 0 && result.load.errors === 0 && result.load.timeouts === 0 && result.writerFailure === undefined;
  return {
    loadClean,
    tables,
    rss: {
      fromSecond: from?.second,
      fromKiB: from?.rssKiB,
      toKiB: to?.rssKiB,
      pointGrowth,
      earlyMedianKiB: earlyMedian,
      lastThirdMedianKiB: lateMedian,
      growth,
      limit: RSS_GROWTH_LIMIT,
      met: growth !== undefined && growth < RSS_GROWTH_LIMIT,
    },
    met: loadClean && tables.every((table) => table.bounded) && growth !== undefined && growth < RSS_GROWTH_LIMIT,
  };
}

const fixed = (value, digits = 0) => (typeof value === 'number' ? value.toFixed(digits) : '—');
const verdict = (met) => (met ? 'met' : 'NOT met');

function issuanceLines(phase) {
  const lines = [`  issuance (${phase.rounds.length} round${phase.rounds.length === 1 ? '' : 's'}, ${phase.seed.rows} seeded rows):`];
  lines.push('    round  empty req/s  per core-s   seeded req/s  per core-s   seeded/empty per core-s');
  for (const [index, round] of phase.rounds.entries()) {
    lines.push(
      `    ${String(index + 1).padStart(5)}  ${fixed(round.empty.rate).padStart(11)}  ${fixed(ratePerServerCore(round.empty)).padStart(10)}   ` +
        `${fixed(round.seeded.rate).padStart(12)}  ${fixed(ratePerServerCore(round.seeded)).padStart(10)}   ${fixed(phase.issuance.perRound[index]?.perServerCore, 3).padStart(8)}` +
        `${round.empty.valid && round.seeded.valid ? '' : '  INVALID'}`,
    );
  }
  const db = phase.issuance.perServerAndDatabaseCore === undefined ? '' : `, obas + PostgreSQL per core-s ${fixed(phase.issuance.perServerAndDatabaseCore, 3)}`;
  lines.push(`    seeded/empty: req/s ${fixed(phase.issuance.rate, 3)}, per core-s ${fixed(phase.issuance.perServerCore, 3)}${db} — target ≥ ${SEEDED_TARGET}: ${verdict(phase.issuance.met)}`);
  lines.push(`  seed: ${phase.seed.rows} rows in ${fixed(phase.seed.seconds, 1)} s (${fixed(phase.seed.rowsPerSecond)} rows/s), ${fixed(phase.seed.databaseBytes / 2 ** 20)} MiB`);
  return lines;
}

function soakLines(phase) {
  const { soak, soakVerdicts: judged } = phase;
  const lines = [
    `  soak: ${fixed(soak.load.rate)} tokens/s over ${fixed(soak.load.seconds)} s (${fixed(ratePerServerCore(soak.load))} per core-s), ${soak.grantsWritten} PSU grants written${judged.loadClean ? '' : ' — ERRORS'}`,
    `    second   tokens/s   RSS MiB  ${SOAK_TABLES.map((table) => table.padStart(20)).join('')}`,
  ];
  for (const sample of soak.samples) {
    lines.push(`    ${String(sample.second).padStart(6)} ${fixed(sample.issuedPerSecond).padStart(10)} ${fixed(sample.rssKiB / 1024).padStart(9)}  ${SOAK_TABLES.map((table) => String(sample[table]).padStart(20)).join('')}`);
  }
  for (const table of judged.tables) {
    lines.push(
      `    ${table.table}: at most ${fixed(table.worstOccupancy, 2)} × the rows created in the ${table.rowLifeSeconds} s before each sample (limit ${STEADY_STATE_MARGIN}): ` +
        `${table.bounded ? 'bounded' : 'NOT bounded'}; last third max ${table.lastThirdMax} (middle ${table.middleThirdMax}, mean rate × row life ${table.expectedSteadyState})`,
    );
  }
  const { rss } = judged;
  lines.push(
    `    RSS median ${fixed(rss.earlyMedianKiB / 1024)} MiB (${rss.fromSecond} s and the third of the run after) → ${fixed(rss.lastThirdMedianKiB / 1024)} MiB (last third): ` +
      `${fixed(100 * rss.growth, 1)} % (limit < 10 %): ${verdict(rss.met)}; first sample after ${rss.fromSecond} s → last: ` +
      `${fixed(rss.fromKiB / 1024)} → ${fixed(rss.toKiB / 1024)} MiB (${fixed(100 * rss.pointGrowth, 1)} %)`,
  );
  return lines;
}

/** The printed report of a growth run. */
export function formatGrowthReport(result) {
  const { environment, settings } = result;
  const lines = [
    '',
    `obas growth bench — ${environment.cpu}, ${environment.cpus} cores, Node ${environment.node}; server on core ${settings.serverCore}, load on core ${settings.loadCore}`,
  ];
  for (const phase of result.databases) {
    lines.push('', `${phase.database}:`);
    if (phase.rounds !== undefined) lines.push(...issuanceLines(phase));
    if (phase.soak !== undefined) lines.push(...soakLines(phase));
  }
  lines.push('', `overall: ${verdict(result.met)}`, '');
  return lines.join('\n');
}

/** Writes the result to `<directory>/growth-<ISO timestamp>.json` and resolves the file's path. */
export async function writeGrowthResult(directory, result) {
  await mkdir(directory, { recursive: true });
  const file = join(directory, `growth-${result.startedAt.replace(/:/g, '-')}.json`);
  await writeFile(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}
