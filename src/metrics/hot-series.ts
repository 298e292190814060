import { Counter, Gauge, type Histogram, type Registry } from 'prom-client';

/** The label values of one series, by label name. */
export type SeriesLabels<Label extends string> = Readonly<Record<Label, string>>;

/**
 * A counted series of a hot metric: plain arithmetic on the request path. prom-client hashes the label set on every
 * `inc` or `observe`, even of a child from `labels()`; that hashing and its garbage were several per cent of the token
 * endpoint's CPU, so these series count in numbers of their own and hand them to prom-client only when it collects.
 */
export class SeriesCount<Label extends string = string> {
  /** Counted since the last collection (counters), or the current value (gauges). */
  value = 0;

  constructor(readonly labels: SeriesLabels<Label>) {}

  inc(): void {
    this.value += 1;
  }

  dec(): void {
    this.value -= 1;
  }
}

/** The series of one hot metric, each made at its first use under a key the caller builds from its label values. */
export interface HotSeries<Series> {
  /**
   * The series whose label values, in the metric's `labelNames` order, are `values`, looked up by `key` (which the
   * caller derives from them and keeps bounded: the memo never forgets). Made at its first use, so a label set nobody
   * records never shows at zero. The values are only read then: a lookup builds no label object.
   */
  series(key: string, ...values: readonly (string | number)[]): Series;
}

/** What every hot metric is configured with, as a prom-client metric is. */
export interface HotMetricConfig<Label extends string> {
  readonly name: string;
  readonly help: string;
  readonly labelNames: readonly Label[];
  readonly registers: Registry[];
}

/** A counter whose series count on the hot path; prom-client's counter receives their increments when it collects. */
export function hotCounter<Label extends string>(config: HotMetricConfig<Label>): HotSeries<SeriesCount<Label>> {
  const all = new Map<string, SeriesCount<Label>>();
  new Counter<Label>({
    ...config,
    labelNames: [...config.labelNames],
    collect() {
      for (const series of all.values()) {
        if (series.value === 0) continue;
        this.inc(series.labels, series.value);
        series.value = 0;
      }
    },
  });
  return { series: memo(all, config.labelNames, (labels) => new SeriesCount(labels)) };
}

/** A gauge whose series move on the hot path; prom-client's gauge is set to their values when it collects. */
export function hotGauge<Label extends string>(config: HotMetricConfig<Label>): HotSeries<SeriesCount<Label>> & { readonly gauge: Gauge<Label> } {
  const all = new Map<string, SeriesCount<Label>>();
  const gauge = new Gauge<Label>({
    ...config,
    labelNames: [...config.labelNames],
    collect() {
      for (const series of all.values()) this.set(series.labels, series.value);
    },
  });
  return { gauge, series: memo(all, config.labelNames, (labels) => new SeriesCount(labels)) };
}

/** One series of a {@link hotHistogram}: observations counted per bucket (not cumulated), their sum and count. */
export class SeriesHistogram<Label extends string = string> {
  /** Observations per upper bound, each counted once, in the bucket of the smallest bound at least as large. */
  readonly perBucket: number[];
  sum = 0;
  count = 0;

  constructor(
    readonly labels: SeriesLabels<Label>,
    private readonly upperBounds: readonly number[],
  ) {
    this.perBucket = upperBounds.map(() => 0);
  }

  observe(value: number): void {
    const bounds = this.upperBounds;
    let index = 0;
    while (index < bounds.length && value > (bounds[index] as number)) index += 1;
    if (index < bounds.length) this.perBucket[index] = (this.perBucket[index] as number) + 1;
    this.sum += value;
    this.count += 1;
  }
}

/**
 * A histogram whose series observe on the hot path, exposed as a prom-client metric (registered in `registers`): its
 * `get()` answers the `_bucket` (cumulative, `le`), `_sum` and `_count` samples in the form prom-client's histograms
 * do, so the text exposition and the cluster aggregation (`AggregatorRegistry`, summed) treat it as one of them.
 */
export function hotHistogram<Label extends string>(config: HotMetricConfig<Label> & { readonly buckets: readonly number[] }): HotSeries<SeriesHistogram<Label>> {
  const upperBounds = [...config.buckets].sort((a, b) => a - b);
  const all = new Map<string, SeriesHistogram<Label>>();
  const metric = {
    name: config.name,
    help: config.help,
    type: 'histogram',
    aggregator: 'sum',
    async get() {
      const values = [...all.values()].flatMap((series) => samplesOf(config.name, series, upperBounds));
      return { name: config.name, help: config.help, type: 'histogram', aggregator: 'sum', values };
    },
    reset(): void {
      all.clear();
    },
  };
  // prom-client's registry reads a metric through `get()` (and `reset()`); its typings list only its own classes.
  for (const registry of config.registers) registry.registerMetric(metric as unknown as Histogram<Label>);
  return { series: memo(all, config.labelNames, (labels) => new SeriesHistogram(labels, upperBounds)) };
}

/** One sample as prom-client's registry reads it from a metric's `get()`. */
interface Sample {
  readonly metricName: string;
  readonly labels: Readonly<Record<string, string | number>>;
  readonly value: number;
}

function samplesOf(name: string, series: SeriesHistogram, upperBounds: readonly number[]): Sample[] {
  const samples: Sample[] = [];
  let cumulative = 0;
  upperBounds.forEach((bound, index) => {
    cumulative += series.perBucket[index] as number;
    samples.push({ metricName: `${name}_bucket`, labels: { le: bound, ...series.labels }, value: cumulative });
  });
  samples.push(
    { metricName: `${name}_bucket`, labels: { le: '+Inf', ...series.labels }, value: series.count },
    { metricName: `${name}_sum`, labels: { ...series.labels }, value: series.sum },
    { metricName: `${name}_count`, labels: { ...series.labels }, value: series.count },
  );
  return samples;
}

function memo<Label extends string, Series>(
  all: Map<string, Series>,
  labelNames: readonly Label[],
  make: (labels: SeriesLabels<Label>) => Series,
): (key: string, ...values: readonly (string | number)[]) => Series {
  return (key, ...values) => {
    let found = all.get(key);
    if (found === undefined) {
      if (values.length !== labelNames.length) throw new RangeError(`${labelNames.length} label values expected, got ${values.length}`);
      found = make(Object.fromEntries(labelNames.map((name, index) => [name, String(values[index])])) as SeriesLabels<Label>);
      all.set(key, found);
    }
    return found;
  };
}
