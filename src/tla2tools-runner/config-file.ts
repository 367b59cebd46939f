/** Keywords that start a section of a TLC config file (2.18). */
const KEYWORDS = new Set([
  'CONSTANT', 'CONSTANTS', 'INIT', 'NEXT', 'SPECIFICATION', 'INVARIANT', 'INVARIANTS', 'PROPERTY', 'PROPERTIES',
  'CONSTRAINT', 'CONSTRAINTS', 'ACTION_CONSTRAINT', 'ACTION_CONSTRAINTS', 'SYMMETRY', 'VIEW', 'CHECK_DEADLOCK',
  'TYPE', 'TYPE_CONSTRAINT',
]);

/**
 * Names listed under PROPERTY/PROPERTIES in a TLC config file. TLC 2.18 does
 * not name the violated temporal property, so when only one is checked the
 * runner can name it.
 */
export function temporalPropertiesOfConfig(cfgText: string): string[] {
  const text = cfgText.replace(/\(\*[\s\S]*?\*\)/g, ' ').replace(/\\\*.*$/gm, ' ');
  const words = text.split(/\s+/).filter(Boolean);
  const names: string[] = [];
  let inProperties = false;
  for (const w of words) {
    if (KEYWORDS.has(w)) inProperties = w === 'PROPERTY' || w === 'PROPERTIES';
    else if (inProperties && /^[A-Za-z_][A-Za-z0-9_]*$/.test(w)) names.push(w);
  }
  return names;
}
