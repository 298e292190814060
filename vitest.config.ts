import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Most suites wait on sockets, child processes, browsers and timers rather than compute: two at once (vitest's
    // default is one per core minus one, a single file at a time on a 2-core machine) halves the wall time.
    maxWorkers: 2,
    reporters: ['default'],
  },
});
