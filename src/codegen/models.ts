/**
 * Which spec models the generator reads. Every model runs against
 * spec/MCExport.tla (a wrapper of MC.tla that prints the constants), with
 * its own config:
 * - export models: spec/MCExport_*.cfg (small; the whole graph is covered);
 * - simulation models: spec/MCSim_*.cfg (larger; random behaviours);
 * - bug models: spec/MCBug_*.cfg (each a counterexample to reproduce).
 * The hole-punch export models (MCExport_HolePunch*.cfg, module
 * MCExportHolePunch.tla) have more variables than src/protocol/state.ts
 * describes; they are left out until the protocol has a schema for them.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ModelKind, ModelRef } from './model-ref.ts';
import type { SimulationPlan } from './simulation-traces.ts';

/** The module every model is run against. */
export const EXPORT_MODULE = 'MCExport.tla';

const PREFIXES: ReadonlyArray<[string, ModelKind]> = [
  ['MCExport_', 'export'],
  ['MCSim_', 'simulation'],
  ['MCBug_', 'counterexample'],
];

/** The simulation plan of every simulation model (fixed seed: reproducible traces). */
export const SIMULATION_PLAN: SimulationPlan = { traces: 300, depth: 60, seed: 20221 };

/** Every model of the spec folder, in kind order then by name. */
export function discoverModels(specDir: string): ModelRef[] {
  const files = readdirSync(specDir).filter((f) => f.endsWith('.cfg'));
  return PREFIXES.flatMap(([prefix, kind]) =>
    files
      .filter((f) => f.startsWith(prefix) && !f.startsWith('MCExport_HolePunch'))
      .sort()
      .map((f) => ({ name: f.slice(0, -4), kind, spec: join(specDir, EXPORT_MODULE), config: join(specDir, f) })),
  );
}
