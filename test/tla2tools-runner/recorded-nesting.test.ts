// Recorded TLC 2.18 output of the cases the tokenizer once got wrong: nested
// messages, TLC's marker text inside a string value, a spec without
// variables, and Print output (recordings made by scripts/record-tlc-output.ts).
import { describe, expect, it } from 'vitest';
import {
  configDeclaresBehaviour,
  parseTlcOutput,
  ToolStreamTokenizer,
  TlcResultCollector,
  type TlcEvent,
  type TlcResult,
} from 'tla2tools-runner';
import { fixtureConfig, recording } from './recorded.ts';

function replay(name: string, spec = name, stoppedBy: string | null = null): { events: TlcEvent[]; result: TlcResult } {
  const { text, exitCode } = recording(name);
  const events = parseTlcOutput(text);
  const collector = new TlcResultCollector();
  events.forEach((e) => collector.add(e));
  const assumptionsOnly = !configDeclaresBehaviour(fixtureConfig(spec));
  const signal = exitCode === null ? 'SIGKILL' : null;
  return { events, result: collector.finish({ exitCode, signal, durationMs: 1, stoppedBy, simulation: false, assumptionsOnly }) };
}

const malformed = (events: TlcEvent[]): TlcEvent[] => events.filter((e) => e.type === 'malformed');

describe('nested TLC messages (recorded)', () => {
  it('AssumeEvalError: 2158 nested in 2105 is one assumption violation with both texts', () => {
    const { events, result } = replay('AssumeEvalError');
    expect(malformed(events)).toEqual([]);
    const violation = events.find((e) => e.type === 'violation');
    expect(violation).toMatchObject({ code: 2105, kind: 'assumption' });
    expect(violation?.type === 'violation' && violation.text).toMatch(/^Evaluating assumption line 8, col 8 to line 8, col 16 of module AssumeEvalError failed\.\nAttempted to check if the value:\n\{1\}\nis an element of Nat\.$/);
    expect(events.some((e) => e.type === 'output' && e.text.includes('ENDMSG'))).toBe(false);
    expect(result.outcome).toBe('assumption');
    expect(result.errors.join('\n')).not.toMatch(/unparsed/);
  });

  it('the tokenizer keeps the inner frame inside the outer one', () => {
    const t = new ToolStreamTokenizer();
    const frames = [...t.push(recording('AssumeEvalError').text), ...t.end()];
    const outer = frames.find((f) => f.kind === 'message' && f.code === 2105);
    if (outer?.kind !== 'message') throw new Error('no message 2105');
    expect(outer.body).toMatch(/failed\.$/);
    expect(outer.nested).toMatchObject([{ kind: 'message', code: 2158, severity: 0 }]);
    expect(frames.filter((f) => f.kind === 'message' && f.code === 2158)).toEqual([]);
  });

  it('ConfigValueError: 5006 nested mid-line in 1000 is one config-file error naming the line', () => {
    const { events, result } = replay('ConfigValueError');
    expect(malformed(events)).toEqual([]);
    const error = events.find((e) => e.type === 'error');
    expect(error).toMatchObject({ code: 1000, category: 'general' });
    expect(error?.type === 'error' && error.text).toMatch(/ConfigFileException:\nTLC found an error in the configuration file at line 1\n/);
    expect(result).toMatchObject({ outcome: 'error', exitCode: 255 });
  });

  it('an ENDMSG for no open message and a cut-off nested message are reported', () => {
    expect(parseTlcOutput('@!@!@ENDMSG 2105 @!@!@\n')).toMatchObject([{ type: 'malformed', reason: 'ENDMSG 2105 outside any message' }]);
    expect(parseTlcOutput('@!@!@STARTMSG 2105:1 @!@!@\nouter\n@!@!@STARTMSG 2158:0 @!@!@\ninner')).toEqual([
      { type: 'malformed', reason: 'message 2105 has no ENDMSG', text: 'outer\ninner' },
    ]);
  });
});

describe('marker text inside a TLA+ string (recorded)', () => {
  it('MarkerInString: the whole counterexample, with the marker text as string values', () => {
    const { events, result } = replay('MarkerInString');
    expect(malformed(events)).toEqual([]);
    expect(result).toMatchObject({ outcome: 'safety', violated: 'NBelowTwo', distinctStates: 3 });
    expect(result.trace.map((s) => s.state?.note)).toEqual([
      { kind: 'string', value: 'none' },
      { kind: 'string', value: '@!@!@ENDMSG 2217 @!@!@' },
      { kind: 'string', value: 'x"@!@!@STARTMSG 2110:1 @!@!@' },
    ]);
  });

  it('markers still count at line starts, after other markers and after unquoted text', () => {
    const events = parseTlcOutput('x "a" @!@!@STARTMSG 2262:0 @!@!@\nTLC2 Version 2.18\n@!@!@ENDMSG 2262 @!@!@@!@!@STARTMSG 2185:0 @!@!@\nStarting\n@!@!@ENDMSG 2185 @!@!@\n');
    expect(events.map((e) => e.type)).toEqual(['output', 'version', 'message']);
    expect(events[0]).toMatchObject({ text: 'x "a" ' });
  });

  it('a quote in one line does not hide a marker on the next', () => {
    const events = parseTlcOutput('odd " quote\n@!@!@STARTMSG 2262:0 @!@!@\nTLC2 Version 2.18\n@!@!@ENDMSG 2262 @!@!@\n');
    expect(events.map((e) => e.type)).toEqual(['output', 'version']);
  });
});

describe('specs without variables and Print output (recorded)', () => {
  it('NoVariables: TLC checks only the ASSUMEs, 0 states, success — as plain TLC says', () => {
    const { result } = replay('NoVariables');
    expect(result).toMatchObject({ outcome: 'success', exitCode: 0, distinctStates: 0, errors: [] });
  });

  it('EmptyInit (a cfg with INIT) with 0 states stays an error', () => {
    expect(configDeclaresBehaviour(fixtureConfig('EmptyInit'))).toBe(true);
    expect(replay('EmptyInit').result.outcome).toBe('error');
  });

  it('configDeclaresBehaviour ignores comments', () => {
    expect(configDeclaresBehaviour('\\* INIT Init\n(* NEXT Next *)\nCONSTANT N = 3\n')).toBe(false);
    expect(configDeclaresBehaviour('SPECIFICATION Spec\n')).toBe(true);
  });

  it('PrintMany: every PrintT line is in the result, in order', () => {
    const { result } = replay('PrintMany');
    expect(result.printed).toEqual([1, 2, 3, 4, 5].map((n) => `<<"step", ${n}>>`));
    expect(result.printedOmitted).toBe(0);
  });
});

describe('figures of a run stopped early (recorded)', () => {
  it('ForeverStopped: distinct, generated and depth come from the last progress report, not the initial states', () => {
    const { events, result } = replay('ForeverStopped', 'Forever', 'timeout after 65000 ms');
    const last = events.filter((e) => e.type === 'progress').at(-1);
    if (last?.type !== 'progress') throw new Error('the recording has no progress report');
    expect(result.outcome).toBe('error');
    expect([result.distinctStates, result.generatedStates, result.depth]).toEqual([last.distinct, last.generated, last.depth]);
    // Forever's states are the pairs (x, y); BFS at depth D has found every
    // pair with x + y <= D - 2 and none with x + y >= D.
    const d = result.depth!;
    expect(result.distinctStates).toBeGreaterThanOrEqual(((d - 1) * d) / 2);
    expect(result.distinctStates).toBeLessThanOrEqual((d * (d + 1)) / 2);
  });
});
