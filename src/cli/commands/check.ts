import { availableParallelism } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { TlcSetupError, type TlcResult, type TlcRunOptions } from 'tla2tools-runner';
import { terminalSwimlanes } from '../../report/index.ts';
import { checkModels, searchEngine, modelToCheck, type CheckedModel, type ModelCheck } from '../../pipeline/check-models.ts';
import { writeFileAtomic } from '../../files/atomic-write.ts';
import { errorAnnotation, findDefinition, inGithubActions } from '../../report/ci/github-annotations.ts';
import { renderJunit, type JunitCase } from '../../report/ci/junit.ts';
import { TLC_RECORD_FILE } from '../project.ts';
import { distributedBanner, ENGINE_HELP, ENGINE_OPTIONS, engineOptions } from '../tlc-engine-args.ts';
import type { Command } from '../command.ts';
import { EXIT_OK, EXIT_USAGE, EXIT_VIOLATION } from '../exit-codes.ts';
import { loadManifest, ManifestError, MANIFEST_FILE, PROFILES, saveManifest, type Manifest, type ManifestModel, type Profile } from '../../manifest/manifest.ts';

const HELP = `usage: mmu-notifier check [--json] [--all | --profile deep|simulate] [--model NAME]... [--list] [--jobs N] [--record] [--manifest FILE] [--timeout S] [--force]
                          [--workers N|auto] [--heap SIZE] [--fp N] [--fpbits N] [--fpmem F]
                          [--distributed [--local-workers K] [--port P] [--host H]]

Model-checks every CI model of spec/manifest.json with TLC (-workers 1) and
compares the verdict, the violated property and the recorded state counts
with the manifest.
  --json           print {ok, models:[{name, expected, actual, violated, distinctStates, durationMs, ok, cached, ...}]}
  --all            also the models with "ci": false (the deep ones: minutes each)
  --model NAME     only this model (repeatable; any model, CI or not)
  --profile NAME   the models of a profile instead of the CI ones: deep (exhaustive
                   at bounds beyond CI: hours on a small machine, see
                   docs/deep-checking.md) or simulate (TLC -simulate at large bounds
                   with a fixed seed; as expected = the violation found within the
                   model's budget)
  --list           print the selected models (name, profile, cfg) and run nothing
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
  --force          run TLC on every model, even those whose stored result is
                   fresh (by default a model whose spec modules, cfg, TLC jar,
                   runner and TLC options are unchanged since its last check
                   reuses that result, kept in out/check-cache/ beside spec/)
How TLC runs (default: one worker thread, the counts the manifest records):
${ENGINE_HELP}
With more than one worker thread only the verdict, the violated property and,
for a model expected to succeed, the distinct and generated states are compared;
with --distributed, of those counts only the distinct states (TLCServer counts
generated states differently, and names no violation); --record is refused then.
With GITHUB_ACTIONS=true, each mismatch is also printed as an ::error annotation
at the definition of the violated property (or at the model's cfg).
A model whose module or cfg file is missing is reported (one line naming it
and the path) and not run; the other models are still checked and reported.
exit status: 0 all as expected, 1 any mismatch, 2 bad usage, manifest, a
model's missing file, or setup (TLC not runnable)`;

/** Two TLC runs at a time where there are two cores: the CI models fit the time budget. */
const DEFAULT_JOBS = Math.min(2, availableParallelism());

interface CheckArgs {
  json: boolean;
  all: boolean;
  profile: Profile | undefined;
  list: boolean;
  record: boolean;
  names: string[];
  manifestPath: string;
  timeoutMs: number | undefined;
  jobs: number;
  swimlanes: boolean;
  junit: string | undefined;
  force: boolean;
  /** How TLC runs: workers, heap, fingerprint set, distributed mode. */
  engine: Partial<TlcRunOptions>;
}

function parseCheckArgs(argv: string[]): CheckArgs | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      json: { type: 'boolean' },
      all: { type: 'boolean' },
      profile: { type: 'string' },
      list: { type: 'boolean' },
      record: { type: 'boolean' },
      model: { type: 'string', multiple: true },
      manifest: { type: 'string' },
      timeout: { type: 'string' },
      jobs: { type: 'string' },
      swimlanes: { type: 'boolean' },
      junit: { type: 'string' },
      force: { type: 'boolean' },
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
  const profile = values.profile;
  if (profile !== undefined && !isProfile(profile)) throw new ManifestError(`--profile wants one of ${PROFILES.join(', ')}, got '${profile}'`);
  if (profile !== undefined && (values.all || values.model)) throw new ManifestError('--profile selects models itself: give it without --all and --model');
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
    profile,
    list: values.list ?? false,
    record: values.record ?? false,
    swimlanes: values.swimlanes ?? false,
    force: values.force ?? false,
    junit: values.junit === undefined ? undefined : resolve(values.junit),
    names: values.model ?? [],
    manifestPath: values.manifest ? resolve(values.manifest) : MANIFEST_FILE,
    timeoutMs,
  };
}

function isProfile(name: string): name is Profile {
  return (PROFILES as readonly string[]).includes(name);
}

/** The models a run covers: the named ones, else those of the profile, else the CI ones (or all with --all). */
export function selectModels(manifest: Manifest, names: readonly string[], all: boolean, profile?: Profile): ManifestModel[] {
  if (profile !== undefined) return manifest.models.filter((m) => m.profile === profile);
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
    // A simulation's counts are of random behaviours: only its time is a figure.
    if (model.kind !== 'simulation') {
      model.distinctStates = check.distinctStates;
      model.totalStates = check.totalStates;
      model.depth = check.depth;
    }
    model.runtimeSeconds = Math.round(check.durationMs / 100) / 10;
    recorded += 1;
  }
  return recorded;
}

/** One line per selected model: name, profile (or ci / -), cfg. */
export function formatModelList(models: readonly ManifestModel[]): string {
  return models.map((m) => [m.name, m.profile ?? (m.ci ? 'ci' : '-'), m.cfg].join('\t')).join('\n');
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
    out.push(c.inputFault ?? `${c.name}: ${c.mismatches.join('; ')}`, ...c.errors.map((e) => `  ${e}`));
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
  const models = selectModels(manifest, args.names, args.all, args.profile);
  if (args.list) {
    console.log(formatModelList(models));
    return EXIT_OK;
  }
  const started = Date.now();
  const traces = new Map<string, TlcResult>();
  const checked = await checkModels(
    models.map((m) => modelToCheck(m, args.manifestPath)),
    {
      jobs: args.jobs,
      cache: { dir: checkCacheDir(args.manifestPath), force: args.force },
      tlc: { jarRecordFile: TLC_RECORD_FILE, ...args.engine, ...(args.timeoutMs !== undefined ? { timeoutMs: args.timeoutMs } : {}) },
      onRun: (m, handle) => {
        const banner = distributedBanner(handle, `${m.name}: TLCServer`);
        if (banner) process.stderr.write(`${banner}\n`);
      },
      // Progress goes to stderr so that --json output stays one JSON object.
      onStart: (m, i, n, cached) => process.stderr.write(`[${i + 1}/${n}] ${m.name} ${cached ? '(cached: inputs unchanged)' : '...'}\n`),
      // Keep only results with a counterexample: they are what the swimlanes draw.
      onDone: ({ model, result }) => {
        if (result.trace.length > 0) traces.set(model.name, result);
      },
    },
  );
  const checks = checked.map((c) => c.check);
  const reused = checked.filter((c) => c.cached).map((c) => c.model.name);
  const ok = checks.every((c) => c.ok);
  const inputFaults = checks.flatMap((c) => (c.inputFault === undefined ? [] : [c.inputFault]));
  for (const fault of inputFaults) console.error(`mmu-notifier check: ${fault}`);
  if (inGithubActions()) for (const line of githubAnnotations(checked, args.manifestPath)) console.log(line);
  if (args.json) {
    console.log(JSON.stringify({ ok, models: checked.map((c) => ({ ...c.check, cached: c.cached })) }, null, 2));
  } else {
    console.log(formatTable(checks));
    printSwimlanes(checks, traces, args.swimlanes);
    if (reused.length > 0) console.log(reusedLine(reused));
    console.log(`${checks.filter((c) => c.ok).length}/${checks.length} models as expected in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  // Files last: a write that fails (disk full, read-only) has not cost the results printed above.
  if (args.record) {
    // Re-read first: the file may have gained models while TLC ran.
    const fresh = loadManifest(args.manifestPath);
    const recorded = recordFigures(fresh, checks);
    saveManifest(fresh, args.manifestPath);
    process.stderr.write(`recorded the figures of ${recorded} model(s) in ${args.manifestPath}\n`);
  }
  if (args.junit !== undefined) writeFileAtomic(args.junit, renderJunit(checks.map((c) => junitCase(c, traces.get(c.name)))));
  // A missing file is bad input (2), whatever the other models showed.
  return inputFaults.length > 0 ? EXIT_USAGE : ok ? EXIT_OK : EXIT_VIOLATION;
}

/** The result cache of a manifest: out/check-cache/ in the project folder that holds its spec/ folder. */
export function checkCacheDir(manifestPath: string): string {
  return join(dirname(dirname(manifestPath)), 'out', 'check-cache');
}

/** The line naming the models whose results were reused. */
export function reusedLine(names: readonly string[]): string {
  return `reused from cache (inputs unchanged; --force re-runs): ${names.join(', ')}`;
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
