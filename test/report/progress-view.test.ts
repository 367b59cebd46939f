/** The live (terminal) and plain (CI, pipe) progress views of `mmu-notifier run`. */
import { describe, expect, it } from 'vitest';
import { createProgressView, LiveProgressView, PlainProgressView, progressBar, wantsLiveView } from '../../src/report/progress-view.ts';

function sink(isTTY: boolean): { out: NodeJS.WritableStream & { isTTY: boolean; columns: number }; text: () => string } {
  const chunks: string[] = [];
  const out = { isTTY, columns: 80, write: (s: string) => chunks.push(s) > 0 } as unknown as NodeJS.WritableStream & { isTTY: boolean; columns: number };
  return { out, text: () => chunks.join('') };
}

const progress = { distinct: 45256, queue: 1726, depth: 19, distinctPerMinute: 45256 };

describe('progress views', () => {
  it('chooses the live view only on a terminal without CI', () => {
    expect(wantsLiveView({ isTTY: true }, {})).toBe(true);
    expect(wantsLiveView({ isTTY: true }, { CI: '1' })).toBe(false);
    expect(wantsLiveView({ isTTY: false }, {})).toBe(false);
    const tty = sink(true);
    const view = createProgressView(tty.out, {});
    expect(view).toBeInstanceOf(LiveProgressView);
    view.close();
    expect(createProgressView(tty.out, { CI: 'true' })).toBeInstanceOf(PlainProgressView);
  });

  it('plain: one line per event, with distinct states, rate and queue', () => {
    const { out, text } = sink(false);
    const view = new PlainProgressView(out);
    view.modelStarted('MCSafety', 0, 2);
    view.tlcProgress('MCSafety', progress);
    view.modelFinished('MCSafety', 'success, 45,256 states, 12.0 s', true);
    for (let i = 1; i <= 8; i++) view.replayProgress(i, 8, 0);
    view.close();
    const lines = text().split('\n').filter(Boolean);
    expect(lines[0]).toBe('[1/2] MCSafety: started');
    expect(lines[1]).toBe('    MCSafety: 45,256 distinct · 45,256/min · queue 1,726 · depth 19');
    expect(lines[2]).toBe('    ok  MCSafety: success, 45,256 states, 12.0 s');
    // Replay reports its start and then each quarter, not each trace.
    expect(lines.filter((l) => l.includes('replay:'))).toEqual(['    replay: 1/8 traces', '    replay: 2/8 traces', '    replay: 4/8 traces', '    replay: 6/8 traces', '    replay: 8/8 traces']);
    expect(text()).not.toContain('\x1b');
  });

  it('live: rewrites one line in place while TLC runs, then leaves the verdict', () => {
    const { out, text } = sink(true);
    const view = new LiveProgressView(out);
    view.modelStarted('MCSafety', 0, 1);
    view.tlcProgress('MCSafety', progress);
    view.modelFinished('MCSafety', 'success', true);
    view.close();
    const t = text();
    expect(t).toContain('\r\x1b[2K');
    expect(t).toMatch(/\[1\/1\] MCSafety \d+s {2}45,256 distinct · 45,256\/min · queue 1,726 · depth 19/);
    // After the model finished, its line is permanent (ends with a newline) and nothing is redrawn.
    expect(t.endsWith('MCSafety  success\n')).toBe(true);
  });

  it('live: draws a bar for the replay and keeps it when done', () => {
    const { out, text } = sink(true);
    const view = new LiveProgressView(out);
    view.replayProgress(3, 12, 1);
    view.replayProgress(12, 12, 1);
    view.close();
    expect(text()).toContain(`${progressBar(3, 12)} 3/12`);
    expect(text()).toMatch(/replay █{24} 12\/12 .*1 failed.*\n$/);
    expect(progressBar(3, 12, 8)).toBe('██░░░░░░');
  });
});
