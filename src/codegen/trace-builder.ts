/**
 * Builds a trace file: keeps one copy of each distinct state and action and
 * appends traces as index lists.
 */
import type { TraceState } from './protocol-state.ts';
import type { ModelConstants } from './model-constants.ts';
import { TRACE_FORMAT, type ExpectedViolation, type TraceAction, type TraceFile, type TraceSource } from './trace-format.ts';

/** Accumulates the tables and traces of one file. */
export class TraceFileBuilder {
  private readonly states: TraceState[] = [];
  private readonly stateIndex = new Map<string, number>();
  private readonly actions: TraceAction[] = [];
  private readonly actionIndex = new Map<string, number>();
  private readonly traces: TraceFile['traces'] = [];

  constructor(
    private readonly model: string,
    private readonly constants: ModelConstants,
    private readonly meta: Record<string, unknown>,
  ) {}

  /** Index of `state`, adding it if new. `key` must identify it (default: its JSON text). */
  state(state: TraceState, key = JSON.stringify(state)): number {
    let i = this.stateIndex.get(key);
    if (i === undefined) {
      i = this.states.length;
      this.states.push(state);
      this.stateIndex.set(key, i);
    }
    return i;
  }

  /** Index of `action`, adding it if new. */
  action(action: TraceAction): number {
    const key = JSON.stringify(action);
    let i = this.actionIndex.get(key);
    if (i === undefined) {
      i = this.actions.length;
      this.actions.push(action);
      this.actionIndex.set(key, i);
    }
    return i;
  }

  /** Appends a trace given as state and action indices. */
  add(id: string, source: TraceSource, states: number[], actions: number[], expectViolation?: ExpectedViolation): void {
    if (actions.length !== states.length - 1) throw new Error(`trace ${id}: ${states.length} states but ${actions.length} actions`);
    this.traces.push({ id, source, states, actions, ...(expectViolation ? { expectViolation } : {}) });
  }

  /** Number of traces added so far. */
  get traceCount(): number {
    return this.traces.length;
  }

  /** The file. */
  build(): TraceFile {
    return {
      format: TRACE_FORMAT,
      model: this.model,
      constants: this.constants,
      meta: this.meta,
      states: this.states,
      actions: this.actions,
      traces: this.traces,
    };
  }
}
