import { availableParallelism } from 'node:os';
import { dirname, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { TlcSetupError, type TlcResult, type TlcRunOptions } from '../../tla2tools-runner/index.ts';
import { terminalSwimlanes } from '../../report/index.ts';
import { checkModels, searchEngine, modelToCheck, type CheckedModel, type ModelCheck } from '../../pipeline/check-models.ts';
import { writeFileAtomic } from '../../files/atomic-write.ts';
import { errorAnnotation, findDefinition, inGithubActions } from '../../report/ci/github-annotations.ts';
import { renderJunit, type JunitCase } from '../../report/ci/junit.ts';
import { TLC_RECORD_FILE } from '../project.ts';
import { distributedBanner, ENGINE_HELP, ENGINE_OPTIONS, engineOptions } from '../tlc-engine-args.ts';
import type { Command } from '../command.ts';
import { EXIT_OK, EXIT_USAGE, EXIT_VIOLATION } from '../exit-codes.ts';
import { loadManifest, ManifestError, MANIFEST_FILE, saveManifest, type Manifest, type ManifestModel } from '../../manifest/manifest.ts';

const HELP = `usage: mmu-notifier check [--json] [--all] [--model NAME]... [--jobs N] [--record] [--manifest FILE] [--timeout S]
                          [--workers N|auto] [--heap SIZE] [--fp N] [--fpbits N] [--fpmem F]
                          [--distributed [--local-workers K] [--port P] [--host H]]

Model-checks every CI model of spec/manifest.json with TLC (-workers 1) and
compares the verdict, the violated property and the recorded state counts
with the manifest.
  --json           print {ok, models:[{name, expected, actual, violated, distinctStates, durationMs, ok, ...}]}
  --all            also the models with "ci": false (the deep ones: minutes each)
  --model NAME     only this model (repeatable; any model, CI or not)
  --jobs N         TLC processes at a time (default: 2, or 1 on a one-core machine);
                   each runs with -workers 1, so state counts do not depend on N
  --record         write the measured counts and times of models whose verdict
                   matched back into the manifest (after a spec change)
  --manifest FILE  another manifest (paths in it are relative to it)
  --timeout S      stop each TLC run after S seconds (counts as a mismatch)
  --swimlanes      draw every counterexample as swimlanes, not only those of
                   models that did not behave as the manifest expects
  --junit FILE     also write JUnit XML (one test case per model; a mismatch is a
                   failure with the counterexample as swimlanes) for CI reports
How TLC runs (default: one worker thread, the counts the manifest records):
${ENGINE_HELP}
With more than one worker thread only the verdict, the violated property and,
for a model expected to succeed, the distinct and generated states are compared;
with --distributed, of those counts only the distinct states (TLCServer counts
generated states differently, and names no violation); --record is refused then.
With GITHUB_ACTIONS=true, each mismatch is also printed as an ::error annotation
at the definition of the violated property (or at the model's cfg).
exit status: 0 all as expected, 1 any mismatch, 2 bad usage, manifest or setup (TLC not runnable)`;

/** Two TLC runs at a time where there are two cores: the CI models fit the time budget. */
const DEFAULT_JOBS = Math.min(2, availableParallelism());

interface CheckArgs {
  json: boolean;
  all: boolean;
  record: boolean;
  names: string[];
  manifestPath: string;
  timeoutMs: number | undefined;
  jobs: number;
  swimlanes: boolean;
  junit: string | undefined;
  /** How TLC runs: workers, heap, fingerprint set, distributed mode. */
  engine: Partial<TlcRunOptions>;
}

function parseCheckArgs(argv: string[]): CheckArgs | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      json: { type: 'boolean' },
      all: { type: 'boolean' },
      record: { type: 'boolean' },
      model: { type: 'string', multiple: true },
      manifest: { type: 'string' },
      timeout: { type: 'string' },
      jobs: { type: 'string' },
      swimlanes: { type: 'boolean' },
      junit: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      ...ENGINE_OPTIONS,
    },
  });
  if (values.help) return 'help';
  let timeoutMs: number | undefined;
  if (values.timeout !== undefined) {
    const seconds = Number(values.timeout);
    if (!Number.isFinite(seconds) || seconds <= 0) throw new ManifestError(`--timeout wants a positive number of seconds, got '${values.timeout}'`);
    timeoutMs = seconds * 1000;
  }
  const jobs = values.jobs === undefined ? DEFAULT_JOBS : Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) throw new ManifestError(`--jobs wants a positive integer, got '${values.jobs}'`);
  const engine = engineOptions(values);
  if (values.record && searchEngine(engine) !== 'single') {
    throw new ManifestError('--record writes the counts of one worker thread: leave out --workers (or give 1) and --distributed');
  }
  return {
    engine,
    jobs,
    json: values.json ?? false,
    all: values.all ?? false,
    record: values.record ?? false,
    swimlanes: values.swimlanes ?? false,
    junit: values.junit === undefined ? undefined : resolve(values.junit),
    names: values.model ?? [],
    manifestPath: values.manifest ? resolve(values.manifest) : MANIFEST_FILE,
    timeoutMs,
  };
}

/** The models a run covers: the named ones, else the CI ones (or all with --all). */
export function selectModels(manifest: Manifest, names: readonly string[], all: boolean): ManifestModel[] {
  if (names.length === 0) return manifest.models.filter((m) => all || m.ci);
  return names.map((name) => {
    const model = manifest.models.find((m) => m.name === name);
    if (!model) throw new ManifestError(`no model named '${name}' in the manifest (see the "name" fields of spec/manifest.json)`);
    return model;
  });
}

/** Write measured figures into the entries of models whose verdict matched. */
export function recordFigures(manifest: Manifest, checks: readonly ModelCheck[]): number {
  let recorded = 0;
  for (const check of checks) {
    const model = manifest.models.find((m) => m.name === check.name);
    if (!model || check.actual !== model.expected) continue;
    if (model.violated !== null && check.violated !== model.violated) continue;
    model.distinctStates = check.distinctStates;
    model.totalStates = check.totalStates;
    model.depth = check.depth;
    model.runtimeSeconds = Math.round(check.durationMs / 100) / 10;
    recorded += 1;
  }
  return recorded;
}

/** A fixed-width table of the results. */
export function formatTable(checks: readonly ModelCheck[]): string {
  const rows = checks.map((c) => [
    c.ok ? 'ok' : 'FAIL',
    c.name,
    c.expected,
    c.violated ? `${c.actual} (${c.violated})` : c.actual,
    c.distinctStates === null ? '?' : String(c.distinctStates),
    `${(c.durationMs / 1000).toFixed(1)} s`,
  ]);
  const header = ['', 'model', 'expected', 'actual', 'distinct', 'time'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  const out = [line(header), ...rows.map(line)];
  for (const c of checks.filter((x) => !x.ok)) {
    out.push(`${c.name}: ${c.mismatches.join('; ')}`, ...c.errors.map((e) => `  ${e}`));
  }
  return out.join('\n');
}

/**
 * Counterexamples as swimlanes in the terminal: those of models that did not
 * behave as expected, or every one with --swimlanes.
 */
function printSwimlanes(checks: readonly ModelCheck[], traces: ReadonlyMap<string, TlcResult>, all: boolean): void {
  for (const check of checks) {
    const result = traces.get(check.name);
    if (!result || (check.ok && !all)) continue;
    const drawn = terminalSwimlanes(result, process.stdout, `${check.name}: ${check.actual}${check.violated ? ` (${check.violated})` : ''}`);
    if (drawn !== null) console.log(`\n${drawn}`);
  }
}

async function runCheck(argv: string[]): Promise<number> {
  const args = parseCheckArgs(argv);
  if (args === 'help') {
    console.log(HELP);
    return EXIT_OK;
  }
  const manifest = loadManifest(args.manifestPath);
  const models = selectModels(manifest, args.names, args.all);
  const started = Date.now();
  const traces = new Map<string, TlcResult>();
  const checked = await checkModels(
    models.map((m) => modelToCheck(m, args.manifestPath)),
    {
      jobs: args.jobs,
      tlc: { jarRecordFile: TLC_RECORD_FILE, ...args.engine, ...(args.timeoutMs !== undefined ? { timeoutMs: args.timeoutMs } : {}) },
      onRun: (m, handle) => {
        const banner = distributedBanner(handle, `${m.name}: TLCServer`);
        if (banner) process.stderr.write(`${banner}\n`);
      },
      // Progress goes to stderr so that --json output stays one JSON object.
      onStart: (m, i, n) => process.stderr.write(`[${i + 1}/${n}] ${m.name} ...\n`),
      // Keep only results with a counterexample: they are what the swimlanes draw.
      onDone: ({ model, result }) => {
        if (result.trace.length > 0) traces.set(model.name, result);
      },
    },
  );
  const checks = checked.map((c) => c.check);
  const ok = checks.every((c) => c.ok);
  if (args.record) {
    // Re-read first: the file may have gained models while TLC ran.
    const fresh = loadManifest(args.manifestPath);
    const recorded = recordFigures(fresh, checks);
    saveManifest(fresh, args.manifestPath);
    process.stderr.write(`recorded the figures of ${recorded} model(s) in ${args.manifestPath}\n`);
  }
  if (args.junit !== undefined) writeFileAtomic(args.junit, renderJunit(checks.map((c) => junitCase(c, traces.get(c.name)))));
  if (inGithubActions()) for (const line of githubAnnotations(checked, args.manifestPath)) console.log(line);
  if (args.json) {
    console.log(JSON.stringify({ ok, models: checks }, null, 2));
  } else {
    console.log(formatTable(checks));
    printSwimlanes(checks, traces, args.swimlanes);
    console.log(`${checks.filter((c) => c.ok).length}/${checks.length} models as expected in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  return ok ? EXIT_OK : EXIT_VIOLATION;
}

/** One model's JUnit case: the check plus its counterexample drawn as text swimlanes. */
function junitCase(check: ModelCheck, result: TlcResult | undefined): JunitCase {
  const counterexample = result ? terminalSwimlanes(result, { columns: 120, isTTY: false }, check.name) : null;
  return { ...check, counterexample };
}

/** ::error annotations of the models that did not behave as expected. */
function githubAnnotations(checked: readonly CheckedModel[], manifestPath: string): string[] {
  const root = dirname(dirname(manifestPath));
  return checked
    .filter((c) => !c.check.ok)
    .map(({ model, check }) => {
      const property = check.violated ?? model.expectedViolated ?? null;
      const where = (property && findDefinition(property, dirname(manifestPath), root)) || { file: relative(root, model.config).split('\\').join('/'), line: 1 };
      return errorAnnotation(where, `${check.name}: not as the manifest expects`, check.mismatches.join('; '));
    });
}

/** `mmu-notifier check`: every CI model of spec/manifest.json against its expected verdict. */
export const checkCommand: Command = {
  name: 'check',
  summary: 'model-check every CI model of spec/manifest.json and compare with its expected verdict',
  async run(argv) {
    try {
      return await runCheck(argv);
    } catch (e) {
      if (e instanceof ManifestError || (e instanceof TypeError && 'code' in e)) {
        console.error(`mmu-notifier check: ${e.message}`);
        return EXIT_USAGE;
      }
      if (e instanceof TlcSetupError) {
        // TLC could not be started (java, jar, options): a setup fault, as in `tlc`.
        console.error(`mmu-notifier check: ${e.message}`);
        return EXIT_USAGE;
      }
      throw e;
    }
  },
};
