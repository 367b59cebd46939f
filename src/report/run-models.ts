/**
 * Moved: checking models is the pipeline's job (src/pipeline/check-stage.ts),
 * and the verdict rule is the manifest's (src/manifest/verdict.ts). These
 * re-exports keep test/report/browser.test.ts and summary-table.test.ts
 * compiling until they import from there; nothing in src/ uses this file.
 */
export { runModels, type ModelResult as CheckedModel } from '../pipeline/check-stage.ts';
export type { ModelToCheck } from '../pipeline/check-models.ts';
export { verdictDiffers } from '../manifest/verdict.ts';
