/**
 * src/report: the results files of `mmu-notifier run`, the HTML report and
 * the counterexample swimlanes (HTML and terminal text).
 */
export { Counterexample, TraceStep, isLasso } from './counterexample.ts';
export { counterexampleFromTlc, counterexampleFromTlcJson, INITIAL_ACTION } from './from-tlc.ts';
export { renderSwimlanesText, type SwimlaneTextOptions } from './swimlanes-text.ts';
export { terminalSwimlanes } from './terminal-swimlanes.ts';
export { layoutSwimlanes, rowMarks, type SwimlaneLayout, type SwimlaneRow, type RowMark } from './swimlane-layout.ts';
export { diffStates, type StateChange } from './step-changes.ts';
export { stepThread, orderLanes, type Lane } from './lanes.ts';
export * from './results.ts';
export { loadResults, writeResultsFile, writeCounterexample, RUN_COMMAND, type LoadedResults, type ResultsProblem } from './results-io.ts';
export { writeReport, NoResultsError, REPORT_FILE } from './write-report.ts';
export { renderReportHtml } from './html/page.ts';
export { createProgressView, type ProgressView } from './progress-view.ts';
export { summaryTable, DEFAULT_TABLE_WIDTH } from './summary-table.ts';
