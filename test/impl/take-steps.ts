import { type SpecWorld } from '../../src/impl/world-api.ts';

/** Takes the steps `thread:action` in order, each with the arguments the world offers for it. */
export async function takeSteps(w: SpecWorld, steps: readonly string[]): Promise<void> {
  for (const s of steps) {
    const [thread, action] = s.split(':') as [string, string];
    await w.step(thread, action);
  }
}
