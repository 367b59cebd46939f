// Types of mutation-sample-ignorer.mjs (a plain module: Stryker loads its plugins without a TypeScript loader).
interface Position {
  line: number;
  column: number;
}
interface Range {
  start: Position;
  end: Position;
}
export const SAMPLE_FILE: string;
export function rangesByFile(sample: readonly ({ file: string } & Range)[]): Map<string, Range[]>;
export function leaveOut(ranges: readonly Range[] | undefined, loc: Range | null | undefined): string | undefined;
export function sampleIgnorer(sample: readonly ({ file: string } & Range)[], root: string): { shouldIgnore(path: unknown): string | undefined };
export const strykerPlugins: unknown[];
