import { defineConfig } from 'vitest/config';

// Explicit reporter: since 4.1 vitest picks a summary-less reporter in automated
// environments, and CI reads the closing "Tests N passed" line.
export default defineConfig({
  // tsconfig.json's paths: the runner's package name means its sources here.
  resolve: { tsconfigPaths: true },
  test: {
    include: ['test/**/*.test.ts'],
    reporters: ['default'],
    // TLC runs take seconds each; the JVM start alone is ~1 s.
    testTimeout: 120_000,
    hookTimeout: 600_000,
    pool: 'forks',
  },
});
