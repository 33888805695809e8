import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/server/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    // Three files at once on two cores: the tests wait on PostgreSQL, Chromium and child processes (16 % of
    // the CPU idle with two; a sample of six heavy files took 149 s instead of 186 s with three).
    maxWorkers: 3,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
