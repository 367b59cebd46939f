/**
 * tla2tools-runner: runs TLC 2.18 from Node and turns its output into typed
 * data. Self-contained (imports nothing else from this project).
 */
export { runTlc, type TlcRunHandle } from './run.ts';
export type { TlcRunOptions, RunDirs, DistributedOptions } from './options.ts';
export { jvmArgs, tlcArgs, fingerprintArgs, validateOptions, DEFAULT_EXIT_GRACE_MS } from './options.ts';
export { resolveJava, parseJavaMajor, MIN_JAVA_MAJOR, TlcSetupError, type JavaRuntime } from './java.ts';
export { resolveJar, type JarSources } from './jar.ts';
export { ToolStreamTokenizer, messageText, type ToolFrame, type ToolMessage, type ToolLine, type ToolMalformed } from './tool-stream.ts';
export { TlcEventParser, parseActionInfo } from './message-parser.ts';
export { MessageCode } from './message-codes.ts';
export * from './events.ts';
export type * from './value.ts';
export { tlc } from './value.ts';
export { tlcValueSchema, tlcStateSchema } from './value-schema.ts';
export { parseTlcValue, parseTlcState, TlcValueSyntaxError } from './value-parser.ts';
export { printTlcValue, printTlcState } from './value-printer.ts';
export { toPlainJson, stateToPlainJson, type PlainJson } from './plain-json.ts';
export { readDotDump, readDotDumpBatches, collectDotDump, parseDotLine, unescapeDotLabel, type DotRecord, type DotNode, type DotEdge, type StateGraph } from './dot-dump.ts';
export { parseSimulationTrace, readSimulationTraces, type SimulationTrace } from './simulation.ts';
export { classifyRun, outcomeOfExitCode, outcomeOfViolation, describeExitCode, TLC_OUTCOMES, UNNAMED_COUNTEREXAMPLE_NOTE, type TlcOutcome, type RunFacts, type Classification } from './classify.ts';
export { TlcResultCollector, tlcResultSchema, OUT_OF_MEMORY_ADVICE, KEPT_PRINTED_LINES, type TlcResult, type TlcTraceStep, type TlcLasso, type RunEnd } from './result.ts';
export { temporalPropertiesOfConfig, configDeclaresBehaviour, constantAssignmentsOfConfig } from './config-file.ts';
export { sweepStaleRunDirs, RUN_DIR_PREFIX } from './stale-runs.ts';
export { processAlive } from './process-alive.ts';
export { WATCHDOG_NAME } from './watchdog.ts';
export { liveRunCount } from './child-registry.ts';
export { parseTlcOutput } from './parse-output.ts';
export { DEFAULT_LOCAL_WORKERS, DEFAULT_SERVER_HOST, joinCommand, loopbackOnly, planDistributed, serverArgs, serverJvmProperties, workerArgs, validateDistributed, type DistributedPlan } from './distributed.ts';
