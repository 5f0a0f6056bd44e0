import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/helpers/global-setup.ts'],
    // Each file gets its own database; two at a time suits a 2-core machine and PGlite's memory use.
    pool: 'forks',
    maxWorkers: 2,
    // Generous: a test that hangs still fails, and a machine shared with other work runs 2–3× slower.
    testTimeout: 150_000,
    hookTimeout: 180_000,
  },
});
