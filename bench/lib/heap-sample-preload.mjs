import { subscribe } from 'node:diagnostics_channel';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';

/**
 * Bytes a server under test allocates per HTTP request: a measure that does not move with the machine's speed, unlike
 * CPU time on a VM whose host swings. Loaded into every server of a run with
 *
 *   BENCH_HEAP_SAMPLE_DIR=/tmp/alloc BENCH_SERVER_NODE_FLAGS=--import=$PWD/bench/lib/heap-sample-preload.mjs npm run bench
 *
 * From the server's first request until it exits, V8's sampling heap profiler records allocations (objects collected
 * since included), one sample per `BENCH_HEAP_SAMPLE_INTERVAL` bytes on average (default 32 KiB); Node's
 * `http.server.request.start` channel counts the requests. At exit it writes `<dir>/<pid>.json`: the server's
 * arguments, `requests`, `allocatedBytes` (the profile's estimate) and `bytesPerRequest`; with
 * `BENCH_HEAP_SAMPLE_PROFILE=1`, the sampling profile itself too, as `<dir>/<pid>.heapprofile` (Chrome DevTools' Memory
 * panel loads it, and `heap-sample-sites.mjs` lists its allocation sites per request). Warm-up requests are counted
 * with the measured ones. Sampling costs CPU: read req/s from a run without it.
 */
const directory = process.env.BENCH_HEAP_SAMPLE_DIR;
const interval = Number(process.env.BENCH_HEAP_SAMPLE_INTERVAL ?? 32_768);
const keepProfile = process.env.BENCH_HEAP_SAMPLE_PROFILE === '1';

if (directory !== undefined) {
  const session = new Session();
  session.connect();
  // A session of this thread answers at once: every post below has its answer when it returns.
  const post = (method, params) => {
    let answer;
    session.post(method, params, (error, result) => {
      if (error) throw error;
      answer = result;
    });
    return answer;
  };
  let requests = 0;
  subscribe('http.server.request.start', () => {
    if (requests === 0) {
      post('HeapProfiler.enable');
      post('HeapProfiler.startSampling', { samplingInterval: interval, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
    }
    requests += 1;
  });
  const allocatedBytes = (node) => node.selfSize + node.children.reduce((sum, child) => sum + allocatedBytes(child), 0);
  process.once('exit', () => {
    if (requests === 0) return;
    const { profile } = post('HeapProfiler.getSamplingProfile');
    const bytes = allocatedBytes(profile.head);
    mkdirSync(directory, { recursive: true });
    const result = { argv: process.argv.slice(1), requests, allocatedBytes: bytes, bytesPerRequest: Math.round(bytes / requests) };
    writeFileSync(join(directory, `${process.pid}.json`), `${JSON.stringify(result)}\n`);
    if (keepProfile) writeFileSync(join(directory, `${process.pid}.heapprofile`), JSON.stringify(profile));
  });
  // A server without a SIGTERM handler of its own (the bench's peers) would die without 'exit': exit instead.
  process.once('SIGTERM', () => {
    if (process.listenerCount('SIGTERM') === 0) process.exit(0);
  });
}
