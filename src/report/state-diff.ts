/**
 * Renamed to step-changes.ts (what a step changed; src/codegen/state-diff.ts
 * is the spec-vs-implementation diff). This re-export keeps
 * html/swimlanes-html.ts compiling until its import names step-changes.ts;
 * then delete this file.
 */
export * from './step-changes.ts';
