import { describe, expect, it } from 'vitest';
import { engineOptions } from '../../src/cli/tlc-engine-args.ts';
import { comparableCounts, searchEngine } from '../../src/pipeline/check-models.ts';
import { fingerprintArgs } from 'tla2tools-runner';

describe('the engine options of tlc and check', () => {
  it('map to run options: workers, heap, fingerprint set, distributed layout', () => {
    expect(engineOptions({ workers: 'auto', heap: '8g', fp: '3', fpbits: '4', fpmem: '0.5' })).toEqual({ workers: 'auto', heap: '8g', fp: 3, fpBits: 4, fpMem: 0.5 });
    expect(engineOptions({ distributed: true, 'local-workers': '0', port: '10997', host: '10.0.0.5' })).toEqual({
      distributed: { localWorkers: 0, port: 10997, host: '10.0.0.5' },
    });
    expect(engineOptions({})).toEqual({});
  });

  it('refuse bad numbers and distributed flags without --distributed, naming the flag', () => {
    expect(() => engineOptions({ fpmem: '2' })).toThrow(/--fpmem must be a fraction of the heap in \(0, 1\]/);
    expect(() => engineOptions({ fpbits: '31' })).toThrow(/--fpbits must be a whole number from 0 to 30/);
    expect(() => engineOptions({ workers: '0' })).toThrow(/--workers must be/);
    expect(() => engineOptions({ port: '10997' })).toThrow(/go with --distributed/);
    expect(() => engineOptions({ distributed: true, port: '70000' })).toThrow(/--port must be a whole number from 1 to 65535/);
  });

  it('become TLC flags in the order TLC documents them', () => {
    expect(fingerprintArgs({ fp: 1, fpBits: 2, fpMem: 0.75 })).toEqual(['-fp', '1', '-fpbits', '2', '-fpmem', '0.75']);
  });
});

describe('which recorded counts a check compares', () => {
  it('one thread: all; threads: distinct and generated of a success; distributed: distinct of a success only', () => {
    expect(searchEngine(undefined)).toBe('single');
    expect(searchEngine({ workers: 2 })).toBe('threads');
    expect(searchEngine({ workers: 1, distributed: {} })).toBe('distributed');
    expect(comparableCounts({ expected: 'success' }, 'single')).toEqual({});
    expect(comparableCounts({ expected: 'success' }, 'threads')).toEqual({});
    expect(comparableCounts({ expected: 'safety failure' }, 'threads')).toEqual({ distinctStates: null, totalStates: null });
    expect(comparableCounts({ expected: 'success' }, 'distributed')).toEqual({ totalStates: null });
  });
});
