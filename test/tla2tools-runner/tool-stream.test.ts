import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ToolStreamTokenizer, type ToolFrame } from 'tla2tools-runner';
import { recording } from './recorded.ts';

function tokenize(chunks: string[]): ToolFrame[] {
  const t = new ToolStreamTokenizer();
  return [...chunks.flatMap((c) => t.push(c)), ...t.end()];
}

describe('ToolStreamTokenizer', () => {
  it('frames messages and keeps unframed lines', () => {
    const frames = tokenize([
      '@!@!@STARTMSG 2262:0 @!@!@\nTLC2 Version 2.18\n@!@!@ENDMSG 2262 @!@!@\nParsing file X.tla\n<<"hello", 1>>\n',
    ]);
    expect(frames).toEqual([
      { kind: 'message', code: 2262, severity: 0, body: 'TLC2 Version 2.18' },
      { kind: 'line', text: 'Parsing file X.tla' },
      { kind: 'line', text: '<<"hello", 1>>' },
    ]);
  });

  it('splits on markers, not lines (ENDMSG and STARTMSG on one line)', () => {
    const frames = tokenize(['@!@!@STARTMSG 2185:0 @!@!@\nStarting...\n@!@!@ENDMSG 2185 @!@!@@!@!@STARTMSG 2189:0 @!@!@\nComputing\n@!@!@ENDMSG 2189 @!@!@\n']);
    expect(frames.map((f) => (f.kind === 'message' ? f.code : f.kind))).toEqual([2185, 2189]);
  });

  it('accepts Windows line breaks', () => {
    const { text } = recording('Deadlock');
    const crlf = tokenize([text.replace(/\n/g, '\r\n')]).map((f) => (f.kind === 'message' ? { ...f, body: f.body.replace(/\r\n/g, '\n') } : f));
    expect(crlf).toEqual(tokenize([text]));
  });

  it('keeps blank lines inside a body', () => {
    const [f] = tokenize(['@!@!@STARTMSG 2116:1 @!@!@\nTemporal properties were violated.\n\n@!@!@ENDMSG 2116 @!@!@\n']);
    expect(f).toEqual({ kind: 'message', code: 2116, severity: 1, body: 'Temporal properties were violated.\n' });
  });

  it('reports, not swallows, a message cut off or closed by the wrong code', () => {
    expect(tokenize(['@!@!@STARTMSG 2200:0 @!@!@\nProgress(1)'])).toEqual([
      { kind: 'malformed', reason: 'message 2200 has no ENDMSG', text: 'Progress(1)' },
    ]);
    expect(tokenize(['@!@!@STARTMSG 2200:0 @!@!@\nx\n@!@!@ENDMSG 2199 @!@!@\n'])[0]).toMatchObject({ kind: 'malformed' });
  });

  it('gives the same frames however the real output is chunked (property)', () => {
    const { text } = recording('InvariantViolation');
    const whole = tokenize([text]);
    expect(whole.filter((f) => f.kind === 'message')).toHaveLength(text.split('@!@!@STARTMSG ').length - 1);
    expect(whole.some((f) => f.kind === 'malformed')).toBe(false);
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: text.length - 1 }), { maxLength: 30 }), (cuts) => {
        const sorted = [0, ...cuts.sort((a, b) => a - b), text.length];
        const chunks = sorted.slice(1).map((end, i) => text.slice(sorted[i], end));
        expect(tokenize(chunks)).toEqual(whole);
      }),
      { numRuns: 200 },
    );
  });
});
