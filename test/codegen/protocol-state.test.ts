import { describe, expect, it } from 'vitest';
import { parseTlcState } from 'tla2tools-runner';
import { familyOf, toProtocolState, toTraceState } from '../../src/codegen/protocol-state.ts';
import { constantsFromOutput, isExit } from '../../src/codegen/model-constants.ts';

// A state as TLC 2.18 prints it (the spec's Init of a one-invalidator model).
const INIT = `/\\ seq = 2
/\\ active = 0
/\\ tree = {}
/\\ deferred = {}
/\\ waitq = {}
/\\ subs = [s1 |-> [start |-> 1, last |-> 1, seq |-> 0, life |-> "unused"], s2 |-> [start |-> 1, last |-> 2, seq |-> 0, life |-> "unused"]]
/\\ pte = <<1, 1>>
/\\ spte = <<0, 0>>
/\\ ulock = "none"
/\\ pc = [f1 |-> "idle", i1 |-> "idle", m |-> "idle"]
/\\ inv = [i1 |-> [start |-> 0, last |-> 0, blockable |-> TRUE, curSeq |-> 0, cursor |-> "none", done |-> 0]]
/\\ flt = [f1 |-> [sub |-> "none", page |-> 0, s |-> 0, snap |-> 0, tries |-> 0, done |-> 0]]
/\\ mgr = [sub |-> "none", waitSeq |-> 0]
/\\ lastAction = [name |-> "Init", thread |-> "none", args |-> <<>>]`;

describe('toProtocolState', () => {
  it('maps a TLC state to the src/protocol/state.ts shape; args <<>> becomes {}', () => {
    const s = toProtocolState(parseTlcState(INIT));
    expect(s.lastAction).toEqual({ name: 'Init', thread: 'none', args: {} });
    expect(s.pte).toEqual([1, 1]);
    expect(s.tree).toEqual([]);
    expect((s.subs as Record<string, unknown>).s2).toEqual({ start: 1, last: 2, seq: 0, life: 'unused' });
    expect(familyOf(parseTlcState(INIT))).toBe('mainline');
  });

  it('reads a state with ext as one of the process-exit family (spec/ProcessExit.tla)', () => {
    const exit = parseTlcState(`${INIT}\n/\\ ext = [mm |-> "dead", phase |-> "release", devLive |-> TRUE, insErr |-> "none"]`);
    expect(familyOf(exit)).toBe('exit');
    expect(toProtocolState(exit).ext).toEqual({ mm: 'dead', phase: 'release', devLive: true, insErr: 'none' });
    expect(() => toTraceState(parseTlcState(`${INIT}\n/\\ ext = [mm |-> "gone"]`), 'exit')).toThrow(/ext/);
  });

  it('sorts sets by code unit', () => {
    const s = toProtocolState(parseTlcState(INIT.replace('tree = {}', 'tree = {"s2", "s1"}')));
    expect(s.tree).toEqual(['s1', 's2']);
  });

  it('rejects a state that breaks the contract, naming the variable', () => {
    expect(() => toTraceState(parseTlcState(INIT.replace('/\\ seq = 2\n', '')), 'mainline')).toThrow(/seq/);
    expect(() => toTraceState(parseTlcState(INIT.replace('ulock = "none"', 'ulock = 3')), 'mainline')).toThrow(/ulock/);
  });
});

describe('constantsFromOutput', () => {
  const line =
    '"mmu-notifier-export-constants [variant |-> \\"mainline\\", npages |-> 2, subList |-> <<\\"s1\\">>, subStart |-> [s1 |-> 1], subLast |-> [s1 |-> 2], invalidators |-> {\\"i1\\"}, faulters |-> {\\"f1\\"}, mgr |-> \\"m\\", invRanges |-> {<<1, 1>>, <<2, 2>>}, blockable |-> {FALSE, TRUE}, maxInv |-> 1, maxFaults |-> 1, maxTries |-> 2]"';

  it('decodes the ToString line printed by the wrapper module', () => {
    const c = constantsFromOutput(['Parsing file X', line], 'M');
    expect(c).toMatchObject({ variant: 'mainline', npages: 2, subList: ['s1'], invRanges: [[1, 1], [2, 2]], blockable: [false, true] });
  });

  it('decodes the line of the exit wrapper as process-exit constants (spec/MCExportExit.tla)', () => {
    const exitLine = line.replace('maxTries |-> 2]', 'maxTries |-> 2, exiter |-> \\"x\\", exitDriver |-> \\"amdkfd\\", hlistStopsDevice |-> TRUE, insertGuard |-> \\"none\\"]');
    const c = constantsFromOutput([exitLine], 'M');
    expect(isExit(c) && [c.exiter, c.exitDriver, c.hlistStopsDevice, c.insertGuard]).toEqual(['x', 'amdkfd', true, 'none']);
    expect(isExit(constantsFromOutput([line], 'M'))).toBe(false);
  });

  it('says which wrapper to use when the line is missing', () => {
    expect(() => constantsFromOutput(['nothing'], 'MCFoo')).toThrow(/MCFoo.*MCExport\.tla/);
  });
});
