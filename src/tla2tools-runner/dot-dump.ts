import { createReadStream } from 'node:fs';
import { parseTlcState } from './value-parser.ts';
import type { TlcState } from './value.ts';

/** A state of the dumped graph. `id` is TLC's 64-bit fingerprint as a decimal string (it exceeds 2^53). */
export interface DotNode {
  readonly type: 'node';
  readonly id: string;
  /** The state text (label unescaped). */
  readonly label: string;
  /** Whether TLC marked it as an initial state. */
  readonly initial: boolean;
}

/** A transition. `action` is the sub-action name (null for unlabeled or liveness stuttering edges). */
export interface DotEdge {
  readonly type: 'edge';
  readonly from: string;
  readonly to: string;
  readonly action: string | null;
}

/** What {@link readDotDump} yields. */
export type DotRecord = DotNode | DotEdge;

/**
 * Undoes TLC's label escaping (`\` → `\\`, `"` → `\"`, newline → `\n`) in one
 * left-to-right pass; sequential replaces would corrupt TLA+ strings that
 * themselves contain backslash escapes.
 */
export function unescapeDotLabel(s: string): string {
  if (!s.includes('\\')) return s;
  let out = '';
  let chunk = 0;
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) !== 92) continue;
    const next = s[i + 1];
    out += s.slice(chunk, i);
    out += next === 'n' ? '\n' : next === '\\' ? '\\' : next === '"' ? '"' : `\\${next ?? ''}`;
    i++;
    chunk = i + 1;
  }
  return out + s.slice(chunk);
}

const LABEL = '"((?:[^"\\\\]|\\\\.)*)"';
const EDGE_RE = new RegExp(`^(-?\\d+) -> (-?\\d+) \\[(?:label=${LABEL})?`);
const NODE_RE = new RegExp(`^(-?\\d+) \\[label=${LABEL}(,style = filled)?`);

/** Parses one line of a dot dump; undefined for layout lines (header, rank groups, braces). */
export function parseDotLine(line: string): DotRecord | undefined {
  const c = line.charCodeAt(0);
  if (!(c === 45 || (c >= 48 && c <= 57))) return undefined; // not a fingerprint
  if (line.includes(' -> ')) {
    const e = EDGE_RE.exec(line);
    if (!e) throw new Error(`unreadable dot edge: ${line.slice(0, 200)}`);
    return { type: 'edge', from: e[1]!, to: e[2]!, action: e[3] ? unescapeDotLabel(e[3]) : null };
  }
  const n = NODE_RE.exec(line);
  if (!n) throw new Error(`unreadable dot node: ${line.slice(0, 200)}`);
  return { type: 'node', id: n[1]!, label: unescapeDotLabel(n[2]!), initial: n[3] !== undefined };
}

/**
 * Streams the records of a `-dump dot,actionlabels` file in batches (one
 * batch per ~1 MB read), in file order. The file is read once, in chunks: a
 * dump of millions of edges is never held in memory. A partial file (TLC
 * killed) yields what is complete. Batches spare the per-record promise of an
 * async iterator, which costs more than parsing the line.
 */
export async function* readDotDumpBatches(path: string): AsyncGenerator<DotRecord[]> {
  let rest = '';
  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    const text = rest + (chunk as string);
    const batch: DotRecord[] = [];
    let start = 0;
    for (let nl = text.indexOf('\n', start); nl >= 0; nl = text.indexOf('\n', start)) {
      const r = parseDotLine(text.slice(start, nl));
      start = nl + 1;
      if (r) batch.push(r);
    }
    rest = text.slice(start);
    if (batch.length > 0) yield batch;
  }
  const last = rest.length > 0 ? parseDotLine(rest) : undefined;
  if (last) yield [last];
}

/** The records of a dot dump one by one (see {@link readDotDumpBatches}). */
export async function* readDotDump(path: string): AsyncGenerator<DotRecord> {
  for await (const batch of readDotDumpBatches(path)) yield* batch;
}

/** The whole state graph of a dot dump. */
export interface StateGraph {
  /** Ids of the initial states. */
  initial: string[];
  /** Fingerprint → parsed state. */
  nodes: Map<string, TlcState>;
  /** Every transition in dump order (multi-edges and self-loops included). */
  edges: Array<{ from: string; to: string; action: string | null }>;
}

/** Collects {@link readDotDump} into a {@link StateGraph}, parsing every state label. */
export async function collectDotDump(path: string): Promise<StateGraph> {
  const graph: StateGraph = { initial: [], nodes: new Map(), edges: [] };
  for await (const batch of readDotDumpBatches(path)) {
    for (const r of batch) {
      if (r.type === 'edge') graph.edges.push({ from: r.from, to: r.to, action: r.action });
      else {
        if (r.initial) graph.initial.push(r.id);
        graph.nodes.set(r.id, parseTlcState(r.label));
      }
    }
  }
  return graph;
}
