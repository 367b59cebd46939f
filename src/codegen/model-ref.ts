/**
 * The spec models the generator reads, and what it produces per model.
 */
import type { TraceFile } from './trace-format.ts';

/** How traces are obtained from a model. */
export type ModelKind = 'export' | 'simulation' | 'counterexample';

/** A spec model: a config run against a module (always spec/MCExport.tla, which prints the constants). */
export interface ModelRef {
  readonly name: string;
  readonly kind: ModelKind;
  readonly spec: string;
  readonly config: string;
}

/** Figures of one model's generation. Graph figures are null where there is no graph (simulation, counterexample). */
export interface ModelFigures {
  readonly states: number | null;
  readonly statesCovered: number | null;
  readonly edges: number | null;
  readonly edgesCovered: number | null;
  /** Lower bound on the number of edge-covering traces (exact minimum, from min-flow). */
  readonly minimumTraces: number | null;
  /** The weaker lower bound: edges into terminal states. */
  readonly sinkEdgeBound: number | null;
  /** Wall time of TLC for this model, and of everything else the generator did. */
  readonly tlcMs: number;
  readonly genMs: number;
}

/** A model's trace file and figures. */
export interface ModelTraces {
  readonly file: TraceFile;
  readonly figures: ModelFigures;
}
