/**
 * Which spec models the generator reads, from spec/manifest.json:
 * - export models (kind "export"): the whole state graph is covered;
 * - every model expected to fail (unless its entry says `replay: false`):
 *   its counterexample, replayed with the
 *   model's variant/strategy, and with its manifest `counterpart`'s
 *   variant/strategy (the fixed setting) when that setting differs;
 * and from the spec folder:
 * - simulation models spec/models/export/MCSim_*.cfg: random behaviours of a larger model.
 * Models that no implementation world replays (replaysOnImplementation) are left out.
 * Every model runs through a module that prints its constants: MC.tla
 * models through MCExport.tla, MCHolePunch.tla models through
 * MCExportHolePunch.tla, MCHlist.tla models through MCExportHlist.tla,
 * MCExit.tla models through MCExportExit.tla, MCOwnerSkip.tla models through
 * MCExportOwnerSkip.tla (wrappers that add only the ASSUME PrintT).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { constantAssignmentsOfConfig } from 'tla2tools-runner';
import { loadManifest, replaysOnImplementation, type ManifestModel } from '../manifest/manifest.ts';
import {
  AMDKFD_FIXES,
  HOLE_PUNCH_STRATEGIES,
  INVALIDATOR_CONTEXTS,
  VARIANT_NAMES,
  type AmdkfdFix,
  type HolePunchStrategy,
  type InvalidatorContext,
  type VariantName,
} from '../protocol/variants.ts';
import { HLIST_FIXES, type HlistFix } from '../protocol/hlist-state.ts';
import { EXIT_DRIVERS, INSERT_GUARDS, type ExitDriver, type InsertGuard } from '../protocol/exit-state.ts';
import { OWNER_SKIPS, type OwnerSkipSetting } from '../protocol/owner-skip-state.ts';
import type { FixedSetting, ModelRef } from './model-ref.ts';
import type { SimulationPlan } from './simulation-traces.ts';

/** The simulation plan of every simulation model (fixed seed: reproducible traces). */
export const SIMULATION_PLAN: SimulationPlan = { traces: 300, depth: 60, seed: 20221 };

/** The folder of the simulation configs, relative to the spec folder. */
const SIMULATION_DIR = join('models', 'export');

/** The wrapper that prints the constants, per checking module. */
const EXPORT_MODULE: Record<string, string> = {
  'MC.tla': 'MCExport.tla',
  'MCExport.tla': 'MCExport.tla',
  'MCHolePunch.tla': 'MCExportHolePunch.tla',
  'MCExportHolePunch.tla': 'MCExportHolePunch.tla',
  'MCHlist.tla': 'MCExportHlist.tla',
  'MCExportHlist.tla': 'MCExportHlist.tla',
  'MCExit.tla': 'MCExportExit.tla',
  'MCExportExit.tla': 'MCExportExit.tla',
  'MCOwnerSkip.tla': 'MCExportOwnerSkip.tla',
  'MCExportOwnerSkip.tla': 'MCExportOwnerSkip.tla',
};

type ManifestEntry = ManifestModel;

/** Every model of the spec folder: export, simulation, then counterexamples, by name within each. */
export function discoverModels(specDir: string): ModelRef[] {
  const manifest = loadManifest(join(specDir, 'manifest.json'));
  const byName = new Map(manifest.models.map((m) => [m.name, m]));
  const ref = (m: ManifestEntry, kind: ModelRef['kind']): ModelRef => {
    const wrapper = EXPORT_MODULE[m.module];
    if (!wrapper) throw new Error(`spec/manifest.json: model ${m.name} uses module ${m.module}, which has no constants-printing wrapper (see src/codegen/models.ts)`);
    const counterpart = m.counterpart ? byName.get(m.counterpart) : undefined;
    const fixed = kind === 'counterexample' && counterpart ? fixedSetting(specDir, counterpart) : undefined;
    // A counterpart with the same setting only checks fewer properties: it fixes nothing.
    const own = kind === 'counterexample' ? fixedSetting(specDir, m) : undefined;
    const fixes = fixed && own && JSON.stringify({ ...fixed, model: '' }) !== JSON.stringify({ ...own, model: '' });
    return { name: m.name, kind, spec: join(specDir, wrapper), config: join(specDir, m.cfg), ...(fixes ? { fixed } : {}) };
  };
  const byNameOrder = (a: { name: string }, b: { name: string }): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  const exports = manifest.models.filter((m) => m.kind === 'export').map((m) => ref(m, 'export'));
  const bugs = manifest.models.filter((m) => m.expected !== 'success' && replaysOnImplementation(m)).map((m) => ref(m, 'counterexample'));
  const simDir = join(specDir, SIMULATION_DIR);
  const sims = readdirSync(simDir)
    .filter((f) => f.startsWith('MCSim_') && f.endsWith('.cfg'))
    .map((f): ModelRef => ({ name: f.slice(0, -4), kind: 'simulation', spec: join(specDir, 'MCExport.tla'), config: join(simDir, f) }));
  return [...exports.sort(byNameOrder), ...sims.sort(byNameOrder), ...bugs.sort(byNameOrder)];
}

/** The model's Variant and hole-punch settings (Strategy, AmdkfdFix, FaultRecheck, InvalidatorContext), read from its config's CONSTANTS assignments. */
function fixedSetting(specDir: string, counterpart: ManifestEntry): FixedSetting {
  const cfg = readFileSync(join(specDir, counterpart.cfg), 'utf8');
  const constants = constantAssignmentsOfConfig(cfg);
  const text = (name: string): string | undefined => /^"(.*)"$/.exec(constants[name] ?? '')?.[1];
  const variant = text('Variant') ?? 'mainline';
  const strategy = text('Strategy');
  const fix = text('AmdkfdFix');
  const recheck = constants.FaultRecheck;
  const context = text('InvalidatorContext');
  const hlistFix = text('HlistFix');
  const pairsEnds = constants.HlistPairsEnds;
  const exitDriver = text('ExitDriver');
  const insertGuard = text('InsertGuard');
  const stopsDevice = constants.HlistStopsDevice;
  if (exitDriver !== undefined && !(EXIT_DRIVERS as readonly string[]).includes(exitDriver)) throw new Error(`${counterpart.cfg}: unknown ExitDriver ${exitDriver}`);
  if (insertGuard !== undefined && !(INSERT_GUARDS as readonly string[]).includes(insertGuard)) throw new Error(`${counterpart.cfg}: unknown InsertGuard ${insertGuard}`);
  if (hlistFix !== undefined && !(HLIST_FIXES as readonly string[]).includes(hlistFix)) throw new Error(`${counterpart.cfg}: unknown HlistFix ${hlistFix}`);
  if (fix !== undefined && !(fix in AMDKFD_FIXES)) throw new Error(`${counterpart.cfg}: unknown AmdkfdFix ${fix}`);
  if (context !== undefined && !(context in INVALIDATOR_CONTEXTS)) throw new Error(`${counterpart.cfg}: unknown InvalidatorContext ${context}`);
  if (!(VARIANT_NAMES as string[]).includes(variant)) throw new Error(`${counterpart.cfg}: unknown Variant ${variant}`);
  if (strategy !== undefined && !(strategy in HOLE_PUNCH_STRATEGIES)) throw new Error(`${counterpart.cfg}: unknown Strategy ${strategy}`);
  return {
    model: counterpart.name,
    variant: variant as VariantName,
    ...(strategy ? { strategy: strategy as HolePunchStrategy } : {}),
    ...(fix ? { amdkfdFix: fix as AmdkfdFix } : {}),
    ...(recheck === 'TRUE' || recheck === 'FALSE' ? { faultRecheck: recheck === 'TRUE' } : {}),
    ...(context ? { invalidatorContext: context as InvalidatorContext } : {}),
    ...(hlistFix ? { hlistFix: hlistFix as HlistFix } : {}),
    ...(pairsEnds === 'TRUE' || pairsEnds === 'FALSE' ? { hlistPairsEnds: pairsEnds === 'TRUE' } : {}),
    ...(exitDriver ? { exitDriver: exitDriver as ExitDriver } : {}),
    ...(insertGuard ? { insertGuard: insertGuard as InsertGuard } : {}),
    ...(stopsDevice === 'TRUE' || stopsDevice === 'FALSE' ? { hlistStopsDevice: stopsDevice === 'TRUE' } : {}),
    ...ownerSkipSettingOf(counterpart.cfg, constants),
  };
}

/** An owner-skip model's driver setting (OwnerSkip and the three switches), if its config has OwnerSkip. */
function ownerSkipSettingOf(cfg: string, constants: Record<string, string>): { ownerSkipSetting?: OwnerSkipSetting } {
  const mode = /^"(.*)"$/.exec(constants.OwnerSkip ?? '')?.[1];
  if (mode === undefined) return {};
  if (!(OWNER_SKIPS as readonly string[]).includes(mode)) throw new Error(`${cfg}: unknown OwnerSkip ${mode}`);
  const flag = (name: string): boolean => {
    const v = constants[name];
    if (v !== 'TRUE' && v !== 'FALSE') throw new Error(`${cfg}: ${name} must be TRUE or FALSE (got ${String(v)})`);
    return v === 'TRUE';
  };
  const ownerSkip = mode as OwnerSkipSetting['ownerSkip'];
  return { ownerSkipSetting: { ownerSkip, migrationEntries: flag('MigrationEntries'), finalizeTakesLock: flag('FinalizeTakesLock'), finalizeStores: flag('FinalizeStores') } };
}
