import { describe, expect, it, vi } from 'vitest';
import { createObasMetrics } from '../../src/metrics/obas-metrics.js';
import { processMetricsRegistry } from '../../src/metrics/process-metrics.js';

vi.mock('../../src/metrics/process-metrics.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/metrics/process-metrics.js')>();
  return { processMetricsRegistry: vi.fn(real.processMetricsRegistry) };
});

describe('the process metrics', () => {
  it('are set up when the metrics are created, not inside a scrape (where setting them up held the event loop)', async () => {
    const metrics = createObasMetrics();
    expect(processMetricsRegistry).toHaveBeenCalledTimes(1);
    const { body } = await metrics.scrape();
    await metrics.scrapeJson();
    expect(processMetricsRegistry).toHaveBeenCalledTimes(1);
    expect(body).toMatch(/^obas_process_cpu_user_seconds_total /m);
    expect(body).toMatch(/^# TYPE obas_http_requests_in_flight gauge$/m);
  });
});
