/**
 * The labelled series of a metric, each looked up once under a key the caller builds from its labels: prom-client
 * hashes the label object on every `inc` or `observe` given labels, which showed in profiles of the token endpoint.
 * A series is made (`make`, given the call's labels) at its first use, so that a label set nobody records never
 * shows at zero. The caller keeps the keys bounded (route patterns, grant types, status codes): the memo never forgets.
 */
export function seriesMemo<Labels extends readonly string[], Series>(make: (...labels: Labels) => Series): (key: string, ...labels: Labels) => Series {
  const series = new Map<string, Series>();
  return (key, ...labels) => {
    let found = series.get(key);
    if (found === undefined) {
      found = make(...labels);
      series.set(key, found);
    }
    return found;
  };
}
