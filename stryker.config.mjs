// Mutation testing of the implementation with the conformance suite:
// `npm run mutation` (needs the trace files of `npm test` / `mmu-notifier gen`,
// and loopback networking: Stryker's workers talk over 127.0.0.1).
// The report goes to reports/mutation/mutation.html.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'test/conformance/vitest.mutation.config.ts' },
  plugins: ['@stryker-mutator/vitest-runner'],
  // The protocol core and its concurrency primitives (the driver and the world
  // models can be added; each file costs minutes on a 2-core machine).
  mutate: ['src/impl/notifier.ts', 'src/impl/wait-queue.ts', 'src/impl/driver-lock.ts'],
  coverageAnalysis: 'perTest',
  concurrency: 1,
  timeoutMS: 60_000,
  reporters: ['html', 'json', 'clear-text', 'progress'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  ignorePatterns: ['out/**', 'reports/**', '.tlc/**'],
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
