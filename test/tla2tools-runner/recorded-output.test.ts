import { describe, expect, it } from 'vitest';
import {
  parseTlcOutput,
  parseTlcValue,
  printTlcState,
  TlcResultCollector,
  tlc,
  tlcEventSchema,
  type TlcEvent,
  type TlcResult,
  UNNAMED_COUNTEREXAMPLE_NOTE,
} from 'tla2tools-runner';
import { recording } from './recorded.ts';

/** Parses a recording and folds it into a result, as a live run would. */
function replay(name: string, extra: { simulation?: boolean; temporalProperties?: string[] } = {}): { events: TlcEvent[]; result: TlcResult } {
  const { text, exitCode } = recording(name);
  const events = parseTlcOutput(text);
  const collector = new TlcResultCollector();
  events.forEach((e) => collector.add(e));
  const result = collector.finish({ exitCode, signal: null, durationMs: 1, stoppedBy: null, simulation: extra.simulation ?? false, ...extra });
  return { events, result };
}

const actions = (r: TlcResult): Array<string | null> => r.trace.map((s) => s.action);

describe('parsing recorded TLC 2.18 output', () => {
  it('every event of every recording is valid and nothing is malformed', () => {
    for (const name of ['Counter', 'InvariantViolation', 'InitViolation', 'Deadlock', 'Liveness', 'AssertFail', 'ParseError', 'ConfigError', 'EmptyInit', 'Values', 'DeadlockCoverage', 'CounterSimulate']) {
      const { events } = replay(name);
      for (const e of events) expect(() => tlcEventSchema.parse(e)).not.toThrow();
      expect(events.filter((e) => e.type === 'malformed'), name).toEqual([]);
      expect(events.find((e) => e.type === 'version'), name).toMatchObject({ version: '2.18' });
    }
  });

  it('Counter: success with the hand-counted 12 distinct / 19 generated states, 6 levels', () => {
    const { events, result } = replay('Counter');
    expect(result).toMatchObject({ outcome: 'success', exitCode: 0, distinctStates: 12, generatedStates: 19, depth: 6, violated: null, trace: [] });
    expect(events.filter((e) => e.type === 'progress').at(-1)).toMatchObject({ distinct: 12, generated: 19, queue: 0 });
  });

  it('InvariantViolation: the named invariant and the trace Init, Start, Work, Work', () => {
    const { result } = replay('InvariantViolation');
    expect(result.outcome).toBe('safety');
    expect(result.violated).toBe('CountBelowTwo');
    expect(actions(result)).toEqual([null, 'Start', 'Work', 'Work']);
    expect(result.trace[1]!.location).toEqual({ module: 'InvariantViolation', beginLine: 11, beginColumn: 10, endLine: 14, endColumn: 36 });
    expect(result.trace[3]!.state).toEqual({
      owner: tlc.fn([tlc.mv('p1'), tlc.str('held')], [tlc.mv('p2'), tlc.str('none')]),
      phase: tlc.str('busy'),
      count: tlc.int(2),
      log: tlc.tuple(tlc.record({ n: tlc.int(0), who: tlc.mv('p1') }), tlc.record({ n: tlc.int(1), who: tlc.mv('p1') })),
    });
  });

  it('InitViolation: the state inside message 2107 becomes a one-state trace', () => {
    const { result } = replay('InitViolation');
    expect(result).toMatchObject({ outcome: 'safety', violated: 'Positive', distinctStates: null });
    expect(result.trace).toEqual([{ number: 1, action: null, state: { x: tlc.int(0), y: tlc.str('start') }, stateText: '/\\ x = 0\n/\\ y = "start"' }]);
  });

  it('Deadlock: single-variable states x = 0, 1, 2', () => {
    const { result } = replay('Deadlock');
    expect(result.outcome).toBe('deadlock');
    expect(result.trace.map((s) => s.state)).toEqual([{ x: tlc.int(0) }, { x: tlc.int(1) }, { x: tlc.int(2) }]);
    expect(actions(result)).toEqual([null, 'Step', 'Step']);
  });

  it('Liveness: lasso back to state 1; the sole PROPERTY names the violation', () => {
    const { result } = replay('Liveness', { temporalProperties: ['ReachesTwo'] });
    expect(result.outcome).toBe('liveness');
    expect(result.violated).toBe('ReachesTwo');
    expect(actions(result)).toEqual([null, 'Flip']);
    expect(result.lasso).toEqual({ kind: 'backToState', toState: 1, action: 'Flip' });
  });

  it('AssertFail: assert outcome carrying the Assert message', () => {
    const { result } = replay('AssertFail');
    expect(result.outcome).toBe('assert');
    expect(result.errors[0]).toContain('"x must stay below 1"');
    expect(actions(result)).toEqual([null, 'Step']);
  });

  it('ParseError: error with SANY text', () => {
    const { events, result } = replay('ParseError');
    expect(result.outcome).toBe('error');
    expect(events.find((e) => e.type === 'error')).toMatchObject({ category: 'parse', code: 3002 });
    expect(result.errors[0]).toMatch(/line 5, column 1/);
  });

  it('ConfigError: config category, names the missing operator', () => {
    const { events, result } = replay('ConfigError');
    expect(result.outcome).toBe('error');
    expect(events.find((e) => e.type === 'error')).toMatchObject({ category: 'config' });
    expect(result.errors.join('\n')).toContain('NoSuchOperator');
  });

  it('EmptyInit: exit 0 with 0 states is an error', () => {
    const { result } = replay('EmptyInit');
    expect(result.exitCode).toBe(0);
    expect(result.distinctStates).toBe(0);
    expect(result.outcome).toBe('error');
  });

  it('Values: every value form parsed; Print output kept as its own event', () => {
    const { events, result } = replay('Values');
    expect(events).toContainEqual({ type: 'output', stream: 'stdout', source: 'print', text: '<<"hello", 1>>' });
    const v = result.trace[0]!.state!.v!;
    if (v.kind !== 'record') throw new Error(`v is a ${v.kind}, not a record`);
    const fields = Object.fromEntries(v.fields);
    expect(fields.int).toEqual(tlc.int(-7));
    expect(fields.str).toEqual(tlc.str('q"b\\s\ttab\nnl'));
    expect(fields.mv).toEqual(tlc.set(tlc.mv('a'), tlc.mv('b')));
    expect(fields.fnStr).toEqual(tlc.fn([tlc.str('x y'), tlc.int(-1)], [tlc.str('z'), tlc.int(3)]));
    expect(fields.emptySeq).toEqual(tlc.tuple());
    expect(fields.emptyFn).toEqual(tlc.fn());
    expect(fields.emptySet).toEqual(tlc.set());
    expect(fields.fnTuple).toEqual(parseTlcValue('(<<1, 2>> :> "pair" @@ <<3, 4>> :> "other")'));
    expect(fields.long).toMatchObject({ kind: 'tuple', items: { length: 12 } });
    expect(result.trace[1]!.state!.done).toEqual(tlc.bool(true));
  });

  it('coverage: per-action distinct counts', () => {
    const { events } = replay('DeadlockCoverage');
    const step = events.find((e) => e.type === 'coverage' && e.name === 'Step');
    // Step produces x = 1 and x = 2: two distinct states.
    expect(step).toMatchObject({ distinct: 2, location: { module: 'Deadlock', beginLine: 6 } });
  });

  it('simulation: progress with -1 placeholders, success without distinct counts', () => {
    const { events, result } = replay('CounterSimulate', { simulation: true });
    expect(events.find((e) => e.type === 'progress')).toMatchObject({ code: 2209, distinct: -1, queue: -1 });
    expect(result.outcome).toBe('success');
  });

  it('printTlcState reproduces every recorded trace state byte for byte', () => {
    let states = 0;
    for (const name of ['InvariantViolation', 'Deadlock', 'Liveness', 'AssertFail', 'Values']) {
      for (const e of replay(name).events) {
        if (e.type !== 'traceState') continue;
        expect(e.state, `${name} state ${e.number}`).toBeDefined();
        expect(printTlcState(e.state!)).toBe(e.stateText);
        states++;
      }
    }
    expect(states).toBe(4 + 3 + 2 + 2 + 2);
  });

  it('TLCServer (distributed, -tool): framed like tlc2.TLC, its unframed first line gives the version', () => {
    const { events, result } = replay('DistributedCounter');
    expect(events.filter((e) => e.type === 'malformed')).toEqual([]);
    expect(events.some((e) => e.type === 'message' && e.code === 7000)).toBe(true);
    expect(result.outcome).toBe('success');
    expect(result.version).toBe('2.18');
    // Counter.tla derives 12 distinct states by hand; TLCServer's generated count is its own (19 single-process).
    expect(result.distinctStates).toBe(12);
    expect(result.printed).toEqual([]);
  });

  it('TLCServer on a violation: exit 0, no violation message, only the last state: an error saying so, never success', () => {
    const { result } = replay('DistributedInvariantViolation');
    expect(recording('DistributedInvariantViolation').exitCode).toBe(0);
    expect(result.outcome).toBe('error');
    expect(result.violated).toBeNull();
    expect(result.errors).toContain(UNNAMED_COUNTEREXAMPLE_NOTE);
    // The single-process run prints Start, Work, Work from Init; TLCServer starts its "trace" at the violating state's parent.
    expect(result.trace.map((s) => s.state?.count)).toEqual([tlc.int(1), tlc.int(2)]);
  });

  it('keeps unknown messages and reports unreadable known ones', () => {
    const events = parseTlcOutput(
      '@!@!@STARTMSG 9999:0 @!@!@\nsomething new\n@!@!@ENDMSG 9999 @!@!@\n@!@!@STARTMSG 2199:0 @!@!@\nno numbers here\n@!@!@ENDMSG 2199 @!@!@\n',
    );
    expect(events[0]).toEqual({ type: 'message', code: 9999, severity: 0, text: 'something new' });
    expect(events[1]).toMatchObject({ type: 'malformed', text: 'no numbers here' });
    expect(events[2]).toMatchObject({ type: 'message', code: 2199 });
  });
});
