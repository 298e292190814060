import { collectDefaultMetrics, Registry } from 'prom-client';

let processRegistry: Registry | undefined;

/**
 * The registry of this process's metrics (`collectDefaultMetrics`: CPU, memory, heap, event loop lag, GC, handles,
 * file descriptors), under the `obas_` prefix. One per process, made on first use: the collectors watch the process,
 * and prom-client's GC and event-loop observers cannot be stopped, so several obas instances in one process (tests)
 * share them instead of piling them up.
 */
export function processMetricsRegistry(): Registry {
  if (processRegistry === undefined) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry, prefix: 'obas_' });
  }
  return processRegistry;
}
