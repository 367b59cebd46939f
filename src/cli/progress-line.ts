import type { TlcProgressEvent } from 'tla2tools-runner';

/** Formats a progress report as one short line. */
export function formatProgress(p: TlcProgressEvent): string {
  const rate = p.distinctPerMinute !== undefined ? `, ${Math.round(p.distinctPerMinute).toLocaleString('en-US')} distinct/min` : '';
  return `depth ${p.depth}: ${p.distinct.toLocaleString('en-US')} distinct states${rate}, ${p.queue.toLocaleString('en-US')} on queue`;
}

/**
 * Prints progress: on a terminal one line rewritten in place; otherwise (a
 * pipe, a log file, or env CI set) one plain line per report.
 */
export class ProgressPrinter {
  private live = false;
  constructor(private readonly out: NodeJS.WriteStream = process.stderr) {}

  private get rewrite(): boolean {
    return this.out.isTTY === true && !process.env.CI;
  }

  /** Shows one progress report. */
  show(p: TlcProgressEvent): void {
    const line = formatProgress(p);
    if (this.rewrite) {
      this.out.write(`\r\x1b[2K${line}`);
      this.live = true;
    } else this.out.write(`${line}\n`);
  }

  /** Ends the rewritten line so later output starts on a fresh line. */
  done(): void {
    if (this.live) this.out.write('\n');
    this.live = false;
  }
}
