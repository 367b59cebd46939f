/**
 * Live progress of `mmu-notifier run`. On a terminal: one line rewritten in
 * place per running model (TLC's distinct states, rate and queue, elapsed
 * time) and a bar for the replay; finished models stay as permanent lines.
 * Elsewhere (a pipe, a log, or env CI set): plain lines, one per event.
 */

/** TLC progress figures of a running model (message 2200). */
export interface TlcProgressFigures {
  distinct: number;
  queue: number;
  depth: number;
  distinctPerMinute?: number | undefined;
}

/** What the main job reports while it runs. */
export interface ProgressView {
  /** A stage begins ("check", "gen", …). */
  stage(name: string, note: string): void;
  /** A line that stays (a stage result, "not available", a failure). */
  line(text: string): void;
  /** A model begins; `activity` is what the live line says until TLC reports progress. */
  modelStarted(name: string, index: number, total: number, activity?: string): void;
  tlcProgress(name: string, p: TlcProgressFigures): void;
  /** The model's permanent result line. */
  modelFinished(name: string, summary: string, ok: boolean): void;
  /** Replay advanced to `done` of `total` traces. */
  replayProgress(done: number, total: number, failed: number): void;
  /** Stops the timer and ends any live line. Call once, also on failure. */
  close(): void;
}

/** Number with thousands separators. */
export function fmtCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** The TLC figures as one short phrase. */
export function tlcPhrase(p: TlcProgressFigures): string {
  const rate = p.distinctPerMinute !== undefined ? ` · ${fmtCount(p.distinctPerMinute)}/min` : '';
  return `${fmtCount(p.distinct)} distinct${rate} · queue ${fmtCount(p.queue)} · depth ${p.depth}`;
}

/** A text progress bar of `width` cells. */
export function progressBar(done: number, total: number, width = 24): string {
  const filled = total > 0 ? Math.round((width * Math.min(done, total)) / total) : width;
  return '█'.repeat(filled) + '░'.repeat(width - filled);
}

/** Whether the live (rewriting) view suits this stream and environment. */
export function wantsLiveView(out: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  return out.isTTY === true && !env.CI;
}

/** The view for `out`: live on a terminal, plain otherwise. */
export function createProgressView(out: NodeJS.WritableStream & { isTTY?: boolean; columns?: number }, env: NodeJS.ProcessEnv = process.env): ProgressView {
  return wantsLiveView(out, env) ? new LiveProgressView(out) : new PlainProgressView(out);
}

/** One plain line per event (logs, CI). */
export class PlainProgressView implements ProgressView {
  constructor(private readonly out: NodeJS.WritableStream) {}
  stage(name: string, note: string): void {
    this.out.write(`== ${name}${note ? `: ${note}` : ''}\n`);
  }
  line(text: string): void {
    this.out.write(`${text}\n`);
  }
  modelStarted(name: string, index: number, total: number, activity = 'started'): void {
    this.out.write(`[${index + 1}/${total}] ${name}: ${activity}\n`);
  }
  tlcProgress(name: string, p: TlcProgressFigures): void {
    this.out.write(`    ${name}: ${tlcPhrase(p)}\n`);
  }
  modelFinished(name: string, summary: string, ok: boolean): void {
    this.out.write(`    ${ok ? 'ok ' : 'BAD'} ${name}: ${summary}\n`);
  }
  private lastQuarter = -1;
  replayProgress(done: number, total: number, failed: number): void {
    // A line per quarter keeps CI logs short for hundreds of traces.
    const quarter = total > 0 ? Math.floor((4 * done) / total) : 4;
    if (quarter === this.lastQuarter && done !== total) return;
    this.lastQuarter = quarter;
    this.out.write(`    replay: ${done}/${total} traces${failed > 0 ? `, ${failed} failed` : ''}\n`);
  }
  close(): void {}
}

const SPINNER = '⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏';

/**
 * The terminal view. A 200 ms timer (unref'd, so it never keeps the process
 * alive) redraws the live line so elapsed time moves between TLC's progress
 * reports, which 2.18 prints only once a minute.
 */
export class LiveProgressView implements ProgressView {
  private live: { name: string; label: string; started: number; detail: string } | null = null;
  private readonly timer: NodeJS.Timeout;
  private tick = 0;

  constructor(private readonly out: NodeJS.WritableStream & { columns?: number }) {
    this.timer = setInterval(() => this.redraw(), 200);
    this.timer.unref();
  }

  private redraw(): void {
    if (!this.live) return;
    this.tick++;
    const secs = ((Date.now() - this.live.started) / 1000).toFixed(0);
    const text = `${SPINNER[this.tick % SPINNER.length]} ${this.live.label} ${this.live.name} ${secs}s  ${this.live.detail}`;
    const width = (this.out.columns ?? 100) - 1;
    this.out.write(`\r\x1b[2K${text.length > width ? text.slice(0, width - 1) + '…' : text}`);
  }

  private clearLive(): void {
    if (this.live) this.out.write('\r\x1b[2K');
  }

  private permanent(text: string): void {
    this.clearLive();
    this.out.write(`${text}\n`);
    this.redraw();
  }

  stage(name: string, note: string): void {
    this.permanent(`\x1b[1m== ${name}\x1b[22m${note ? ` ${note}` : ''}`);
  }
  line(text: string): void {
    this.permanent(text);
  }
  modelStarted(name: string, index: number, total: number, activity = 'starting TLC'): void {
    this.clearLive();
    this.live = { name, label: `[${index + 1}/${total}]`, started: Date.now(), detail: activity };
    this.redraw();
  }
  tlcProgress(name: string, p: TlcProgressFigures): void {
    if (this.live?.name === name) this.live.detail = tlcPhrase(p);
    this.redraw();
  }
  modelFinished(name: string, summary: string, ok: boolean): void {
    this.clearLive();
    this.live = null;
    this.out.write(`${ok ? '\x1b[32m✓\x1b[39m' : '\x1b[31m✗\x1b[39m'} ${name}  ${summary}\n`);
  }
  replayProgress(done: number, total: number, failed: number): void {
    const detail = `${progressBar(done, total)} ${done}/${total}${failed > 0 ? ` \x1b[31m${failed} failed\x1b[39m` : ''}`;
    if (!this.live || this.live.label !== 'replay') this.live = { name: '', label: 'replay', started: Date.now(), detail };
    this.live.detail = detail;
    this.redraw();
    if (done === total) {
      this.clearLive();
      this.live = null;
      this.out.write(`replay ${detail}\n`);
    }
  }
  close(): void {
    clearInterval(this.timer);
    this.clearLive();
    this.live = null;
  }
}
