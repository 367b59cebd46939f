/** Keywords that start a section of a TLC config file (2.18). */
const KEYWORDS = new Set([
  'CONSTANT', 'CONSTANTS', 'INIT', 'NEXT', 'SPECIFICATION', 'INVARIANT', 'INVARIANTS', 'PROPERTY', 'PROPERTIES',
  'CONSTRAINT', 'CONSTRAINTS', 'ACTION_CONSTRAINT', 'ACTION_CONSTRAINTS', 'SYMMETRY', 'VIEW', 'CHECK_DEADLOCK',
  'TYPE', 'TYPE_CONSTRAINT',
]);

/** The words of a config file, comments removed. */
function configWords(cfgText: string): string[] {
  const text = cfgText.replace(/\(\*[\s\S]*?\*\)/g, ' ').replace(/\\\*.*$/gm, ' ');
  return text.split(/\s+/).filter(Boolean);
}

/**
 * Whether a config file names a behaviour (INIT, NEXT or SPECIFICATION).
 * Without one TLC 2.18 checks only the ASSUMEs: it accepts that only for a
 * spec with no variables (a spec with variables and no INIT is config error
 * 151; a variable-free spec with an INIT is error 151 "cannot be a constant"),
 * so "no behaviour in the cfg" tells a variable-free spec from an empty Init.
 */
export function configDeclaresBehaviour(cfgText: string): boolean {
  return configWords(cfgText).some((w) => w === 'INIT' || w === 'NEXT' || w === 'SPECIFICATION');
}

/**
 * Names listed under PROPERTY/PROPERTIES in a TLC config file. TLC 2.18 does
 * not name the violated temporal property, so when only one is checked the
 * runner can name it.
 */
export function temporalPropertiesOfConfig(cfgText: string): string[] {
  const words = configWords(cfgText);
  const names: string[] = [];
  let inProperties = false;
  for (const w of words) {
    if (KEYWORDS.has(w)) inProperties = w === 'PROPERTY' || w === 'PROPERTIES';
    else if (inProperties && /^[A-Za-z_][A-Za-z0-9_]*$/.test(w)) names.push(w);
  }
  return names;
}
