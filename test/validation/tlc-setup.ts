/** Where the validation tests find TLC and the spec, and how long they give it. */
import { type TlcSetup } from '../../src/validation/tlc-judge.ts';
import { PATHS } from '../conformance/project.ts';

// MMU_VALIDATION_ANSWERS: TLC's stored answers, set only by `npm run mutation` (package.json),
// where most mutants record the very runs TLC has judged already; `npm test` runs TLC every time.
const answers = process.env.MMU_VALIDATION_ANSWERS;

export const SETUP: TlcSetup = {
  specDir: PATHS.specDir,
  jarRecordFile: PATHS.jarRecordFile,
  workRoot: `${PATHS.root}/out`,
  ...(answers !== undefined && answers !== '' ? { answerCache: answers } : {}),
};

/** Generous: the JVM start alone is seconds on a loaded machine. */
export const SLOW = 600_000;
