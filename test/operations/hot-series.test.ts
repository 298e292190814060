import { AggregatorRegistry, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { hotCounter, hotGauge, hotHistogram } from '../../src/metrics/hot-series.js';

/** The sample lines of one metric in the registry's text exposition. */
async function samples(registry: { metrics(): Promise<string> }, name: string): Promise<string[]> {
  return (await registry.metrics()).split('\n').filter((line) => line.startsWith(name));
}

function durations(registry: Registry) {
  return hotHistogram({ name: 'test_duration_seconds', help: 'durations', labelNames: ['route'] as const, buckets: [0.1, 0.01, 1], registers: [registry] });
}

describe('hot metric series', () => {
  it('a counter shows a series only once counted, and hands each increment to prom-client exactly once', async () => {
    const registry = new Registry();
    const requests = hotCounter({ name: 'test_requests_total', help: 'requests', labelNames: ['route', 'status'] as const, registers: [registry] });
    expect(await samples(registry, 'test_requests_total')).toEqual([]);
    const ok = requests.series('/token 200', '/token', 200);
    expect(requests.series('/token 200', '/token', 200)).toBe(ok);
    ok.inc();
    ok.inc();
    requests.series('/token 400', '/token', '400').inc();
    const expected = ['test_requests_total{route="/token",status="200"} 2', 'test_requests_total{route="/token",status="400"} 1'];
    expect(await samples(registry, 'test_requests_total')).toEqual(expected);
    expect(await samples(registry, 'test_requests_total')).toEqual(expected);
    ok.inc();
    expect(await samples(registry, 'test_requests_total{route="/token",status="200"}')).toEqual(['test_requests_total{route="/token",status="200"} 3']);
  });

  it('refuses a first lookup whose label values do not match the label names', () => {
    const requests = hotCounter({ name: 'test_requests_total', help: 'requests', labelNames: ['route', 'status'] as const, registers: [new Registry()] });
    expect(() => requests.series('/token', '/token')).toThrow(RangeError);
  });

  it('a gauge reads the current value of its series', async () => {
    const registry = new Registry();
    const inFlight = hotGauge({ name: 'test_in_flight', help: 'in flight', labelNames: ['listener'] as const, registers: [registry] });
    const mtls = inFlight.series('mtls', 'mtls');
    mtls.inc();
    mtls.inc();
    mtls.dec();
    expect(await samples(registry, 'test_in_flight')).toEqual(['test_in_flight{listener="mtls"} 1']);
    mtls.dec();
    expect((await inFlight.gauge.get()).values).toEqual([expect.objectContaining({ labels: { listener: 'mtls' }, value: 0 })]);
  });

  it('a histogram exposes cumulative buckets by sorted upper bound, +Inf, sum and count as prom-client does', async () => {
    const registry = new Registry();
    const token = durations(registry).series('/token', '/token');
    for (const seconds of [0.005, 0.01, 0.05, 0.5, 3]) token.observe(seconds);
    expect(await samples(registry, 'test_duration_seconds')).toEqual([
      'test_duration_seconds_bucket{le="0.01",route="/token"} 2',
      'test_duration_seconds_bucket{le="0.1",route="/token"} 3',
      'test_duration_seconds_bucket{le="1",route="/token"} 4',
      'test_duration_seconds_bucket{le="+Inf",route="/token"} 5',
      'test_duration_seconds_sum{route="/token"} 3.565',
      'test_duration_seconds_count{route="/token"} 5',
    ]);
    expect(await registry.metrics()).toContain('# TYPE test_duration_seconds histogram');
  });

  it('the series of several processes sum when the primary aggregates their metrics', async () => {
    const [first, second] = [new Registry(), new Registry()];
    durations(first).series('/token', '/token').observe(0.05);
    durations(second).series('/token', '/token').observe(2);
    hotCounter({ name: 'test_tokens_total', help: 'tokens', labelNames: ['grant'] as const, registers: [first] }).series('cc', 'cc').inc();
    hotCounter({ name: 'test_tokens_total', help: 'tokens', labelNames: ['grant'] as const, registers: [second] }).series('cc', 'cc').inc();
    const aggregated = AggregatorRegistry.aggregate([await first.getMetricsAsJSON(), await second.getMetricsAsJSON()]);
    expect(await samples(aggregated, 'test_')).toEqual([
      'test_duration_seconds_bucket{le="0.01",route="/token"} 0',
      'test_duration_seconds_bucket{le="0.1",route="/token"} 1',
      'test_duration_seconds_bucket{le="1",route="/token"} 1',
      'test_duration_seconds_bucket{le="+Inf",route="/token"} 2',
      'test_duration_seconds_sum{route="/token"} 2.05',
      'test_duration_seconds_count{route="/token"} 2',
      'test_tokens_total{grant="cc"} 2',
    ]);
  });
});
