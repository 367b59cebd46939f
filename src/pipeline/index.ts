/**
 * src/pipeline: the main job's stages (check, gen, replay) and their runner,
 * with a programmatic API; src/report renders what they leave.
 */
export { runPipeline, type PipelineOptions, type PipelineResult } from './run-pipeline.ts';
export { checkModel, checkModels, ciModelsToCheck, compareResult, compareWithManifest, modelToCheck, type CheckedModel, type CheckOptions, type ModelCheck, type ModelToCheck } from './check-models.ts';
export { checkStage, modelVerdict, runModels, verdictLine, type CheckStageResult, type ModelResult } from './check-stage.ts';
export { generateAll, genStage, replayAll, replayStage, type GenStageResult, type ReplayStageResult } from './conformance-stage.ts';
export { runStage, skippedStage, type StageOutcome, type StageRecord } from './stage-runner.ts';
