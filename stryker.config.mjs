// Mutation testing of the implementation with the conformance trace replays
// and the unit tests of test/impl (test/conformance/vitest.mutation.config.ts;
// trace validation, which runs TLC unless it has answered the same runs
// before, is opt-in there): `npm run mutation` (needs the trace files of
// `npm test` / `mmu-notifier gen`, and loopback networking: Stryker's
// workers talk over 127.0.0.1). How to run it, the
// measured scores and the survivors: docs/mutation-testing.md.
// The report goes to reports/mutation/mutation.html.
// MMU_MUTATION_SAMPLE_ONLY=1: a run of a drawn sample makes only the sampled
// nodes' mutants, not every mutant nested in a sampled range
// (scripts/mutation-sample-ignorer.mjs).
const sampleOnly = process.env.MMU_MUTATION_SAMPLE_ONLY === '1';
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  // related: false: vitest's import graph search finds no test of the mutated files (they are reached through src/codegen).
  vitest: { configFile: 'test/conformance/vitest.mutation.config.ts', related: false },
  plugins: ['@stryker-mutator/vitest-runner', ...(sampleOnly ? ['./scripts/mutation-sample-ignorer.mjs'] : [])],
  ignorers: sampleOnly ? ['sample-only'] : [],
  // Every file of src/impl the spec speaks about: the core, the interval
  // index, the wait queue, the driver lock, the mirror driver, the mm, the
  // scheduler the threads park at, the worlds and their thread programs,
  // choices, invariants and snapshots. Left out: index.ts (re-exports),
  // linear-index.ts (the test oracle), errors.ts and options.ts (argument
  // checks no spec state depends on), explore.ts (the random/PCT scheduler:
  // another schedule is still a schedule). One file at a time:
  // `npm run mutation -- --mutate src/impl/wait-queue.ts`.
  mutate: [
    'src/impl/*.ts',
    'src/impl/mainline/*.ts',
    'src/impl/holepunch/*.ts',
    'src/impl/hlist/*.ts',
    'src/impl/exit/*.ts',
    'src/impl/ownerskip/*.ts',
    '!src/impl/index.ts',
    '!src/impl/linear-index.ts',
    '!src/impl/errors.ts',
    '!src/impl/options.ts',
    '!src/impl/explore.ts',
  ],
  // Only the mutants whose files changed are run again (reports/mutation/incremental.json).
  incremental: true,
  incrementalFile: 'reports/mutation/incremental.json',
  coverageAnalysis: 'perTest',
  // Two runners: the run is CPU-bound and the machine has two cores (run it under `nice`).
  concurrency: 2,
  // A mutant's time limit is (net time of its covering tests) * timeoutFactor + timeoutMS.
  // The covering tests' own time is in that product already, so the constant only has to
  // absorb noise; 60 s made every hanging mutant (an endless lock loop, a never-woken
  // sleeper) cost a minute and a runner restart.
  timeoutMS: 3_000,
  timeoutFactor: 1.25,
  reporters: ['html', 'json', 'clear-text', 'progress'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  // .tlc is not copied (in worktrees it is a symlink Stryker cannot copy): the npm
  // script points TLA2TOOLS_JAR at the checkout's jar for the validation suite.
  ignorePatterns: ['out/**', 'reports/**', '.tlc', '.tlc/**'],
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
