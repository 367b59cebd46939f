import type { TlcEvent } from './events.ts';
import { TlcEventParser } from './message-parser.ts';
import { ToolStreamTokenizer } from './tool-stream.ts';

/** Parses a complete, recorded `-tool` output into events (what a live run emits for its stdout). */
export function parseTlcOutput(text: string): TlcEvent[] {
  const tokenizer = new ToolStreamTokenizer();
  const parser = new TlcEventParser();
  const frames = [...tokenizer.push(text), ...tokenizer.end()];
  return frames.flatMap((f) => parser.parse(f));
}
