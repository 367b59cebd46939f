/**
 * The spec models the generator reads, and what it produces per model.
 */
import type { ExitDriver, InsertGuard } from '../protocol/exit-state.ts';
import type { HlistFix } from '../protocol/hlist-state.ts';
import type { OwnerSkipSetting } from '../protocol/owner-skip-state.ts';
import type { AmdkfdFix, HolePunchStrategy, InvalidatorContext, VariantName } from '../protocol/variants.ts';
import type { TraceFile } from './trace-format.ts';

/** How traces are obtained from a model. */
export type ModelKind = 'export' | 'simulation' | 'counterexample';

/** The fixed setting a bug model's schedule is replayed on (its manifest counterpart's variant and hole-punch settings). */
export interface FixedSetting {
  /** The manifest model it comes from. */
  readonly model: string;
  readonly variant: VariantName;
  readonly strategy?: HolePunchStrategy;
  /** Hole-punch models: the counterpart's AmdkfdFix, FaultRecheck and InvalidatorContext. */
  readonly amdkfdFix?: AmdkfdFix;
  readonly faultRecheck?: boolean;
  readonly invalidatorContext?: InvalidatorContext;
  /** Hlist models: the counterpart's HlistFix and HlistPairsEnds. */
  readonly hlistFix?: HlistFix;
  readonly hlistPairsEnds?: boolean;
  /** Process-exit models: the counterpart's ExitDriver, InsertGuard and HlistStopsDevice. */
  readonly exitDriver?: ExitDriver;
  readonly insertGuard?: InsertGuard;
  readonly hlistStopsDevice?: boolean;
  /** Owner-skip models: the counterpart's driver setting. */
  readonly ownerSkipSetting?: OwnerSkipSetting;
}

/** A spec model: a config run against a module that prints the constants (spec/MCExport*.tla). */
export interface ModelRef {
  readonly name: string;
  readonly kind: ModelKind;
  readonly spec: string;
  readonly config: string;
  /** Counterexamples: where the same schedule must be impossible or harmless (undefined: no fixed counterpart). */
  readonly fixed?: FixedSetting;
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
