/** The shared vocabulary of spec, implementation and traces. Imports nothing from src/. */
export * from './actions.ts';
export * from './variants.ts';
export * from './state.ts';
export * from './hole-punch-state.ts';
