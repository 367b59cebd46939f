import { defineConfig } from 'vitest/config';

// The suites Stryker runs (stryker.config.mjs), chosen by MMU_MUTATION_SUITES
// (comma-separated; default "conformance,impl"):
//   conformance  the cached trace replays (test/conformance/mutation-suite.mutation.ts)
//   impl         the unit and property tests of test/impl (about 11 s in all)
//   validation   trace validation (test/validation/validate.test.ts) and TLC's
//                invariant verdicts on disturbed states (invariant-verdicts.test.ts):
//                TLC judges a mutant's recorded runs and states unless TLC's stored
//                answer for the very same text is in MMU_VALIDATION_ANSWERS (set by
//                `npm run mutation`); a mutant that changes a run costs a TLC run, so
//                it is meant for a `--mutate` subset (the survivors) with a longer
//                --timeoutMS.
//   verdicts     invariant-verdicts.test.ts alone (how much of the checkers it holds).
const suites = (process.env.MMU_MUTATION_SUITES ?? 'conformance,impl').split(',');
const include = [
  ...(suites.includes('impl') ? ['test/impl/*.test.ts'] : []),
  ...(suites.includes('conformance') ? ['test/conformance/mutation-suite.mutation.ts'] : []),
  ...(suites.includes('validation') ? ['test/validation/validate.test.ts'] : []),
  ...(suites.includes('validation') || suites.includes('verdicts') ? ['test/validation/invariant-verdicts.test.ts'] : []),
];

export default defineConfig({
  // tsconfig.json's paths: the runner's package name means its sources here.
  resolve: { tsconfigPaths: true },
  test: {
    include,
    reporters: ['default'],
    // A hanging mutant (a sleeper never woken) fails its test here instead of costing
    // Stryker's whole time limit; the slowest test takes about 3 s unloaded.
    testTimeout: Number(process.env.MMU_MUTATION_TEST_TIMEOUT ?? 15_000),
    pool: 'forks',
  },
});
