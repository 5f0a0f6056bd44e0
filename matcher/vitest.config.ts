import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The property tests run hundreds of random cases: a second on an idle machine, over 5 s on a shared
    // one. The timeout only stops a test that hangs; speed is measured by the benchmarks.
    testTimeout: 60_000,
  },
});
