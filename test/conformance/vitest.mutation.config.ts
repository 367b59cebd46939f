import { defineConfig } from 'vitest/config';

// The suites Stryker runs (stryker.config.mjs): the conformance trace replays
// and trace validation (which runs TLC: minutes per mutant it covers).
// MMU_MUTATION_SUITES=conformance leaves trace validation out (a quick run).
const suites = process.env.MMU_MUTATION_SUITES ?? 'conformance,validation';
const include = [
  ...(suites.includes('conformance') ? ['test/conformance/mutation-suite.mutation.ts'] : []),
  ...(suites.includes('validation') ? ['test/validation/validate.test.ts'] : []),
];

export default defineConfig({
  // tsconfig.json's paths: the runner's package name means its sources here.
  resolve: { tsconfigPaths: true },
  test: {
    include,
    reporters: ['default'],
    testTimeout: 600_000,
    pool: 'forks',
  },
});
