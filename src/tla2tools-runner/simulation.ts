import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseTlcState } from './value-parser.ts';
import type { TlcState } from './value.ts';

/** One `-simulate` trace file: states only (TLC 2.18 writes no action names). */
export interface SimulationTrace {
  file: string;
  worker: number;
  index: number;
  states: TlcState[];
}

/**
 * Parses one trace file: a `---- MODULE … ----` line, then `STATE_1 ==`,
 * the state text, `STATE_2 ==`, …, and a closing `====` line.
 */
export function parseSimulationTrace(text: string): TlcState[] {
  const states: TlcState[] = [];
  const parts = text.split(/^STATE_\d+ ==[ \t]*$/m).slice(1);
  for (const part of parts) {
    const body = part.replace(/^={4,}[ \t]*$[\s\S]*/m, '');
    states.push(parseTlcState(body));
  }
  return states;
}

/** Reads every `PREFIX_<worker>_<index>` file of a `-simulate file=PREFIX` run, ordered by worker then index. */
export function readSimulationTraces(prefix: string): SimulationTrace[] {
  const dir = dirname(resolve(prefix));
  const base = basename(prefix);
  const re = new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}_(\\d+)_(\\d+)$`);
  return readdirSync(dir)
    .map((name) => ({ name, m: re.exec(name) }))
    .filter((x): x is { name: string; m: RegExpExecArray } => x.m !== null)
    .map(({ name, m }) => ({ file: join(dir, name), worker: Number(m[1]), index: Number(m[2]) }))
    .sort((a, b) => a.worker - b.worker || a.index - b.index)
    .map((t) => ({ ...t, states: parseSimulationTrace(readFileSync(t.file, 'utf8')) }));
}
