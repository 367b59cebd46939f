import { defineConfig } from 'vitest/config';

// The conformance suite for Stryker (stryker.config.mjs): trace replays only.
export default defineConfig({
  test: {
    include: ['test/conformance/mutation-suite.mutation.ts'],
    reporters: ['default'],
    testTimeout: 120_000,
    pool: 'forks',
  },
});
