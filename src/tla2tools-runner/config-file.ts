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

/**
 * The `Name = value` assignments of the CONSTANT/CONSTANTS sections of a TLC
 * config file, each value as written (trimmed, comments removed). Model
 * values (`Name = Name`) and overrides (`Name <- Op`) are included as text;
 * a value runs to the next assignment or section keyword.
 */
export function constantAssignmentsOfConfig(cfgText: string): Record<string, string> {
  const text = cfgText.replace(/\(\*[\s\S]*?\*\)/g, ' ').replace(/\\\*.*$/gm, ' ');
  const keyword = new RegExp(`(?:^|\\s)(${[...KEYWORDS].sort((a, b) => b.length - a.length).join('|')})(?=\\s|$)`, 'g');
  const marks = [...text.matchAll(keyword)].map((m) => ({ word: m[1]!, at: m.index + m[0].length }));
  const out: Record<string, string> = {};
  marks.forEach((mark, i) => {
    if (mark.word !== 'CONSTANT' && mark.word !== 'CONSTANTS') return;
    const end = i + 1 < marks.length ? marks[i + 1]!.at - marks[i + 1]!.word.length : text.length;
    const section = text.slice(mark.at, end);
    // An assignment starts where a name followed by = or <- stands at the start of the section or after white space.
    const starts = [...section.matchAll(/([A-Za-z_][A-Za-z0-9_]*)\s*(=|<-)/g)].filter((m) => m.index === 0 || /\s/.test(section[m.index - 1]!));
    starts.forEach((m, k) => {
      const valueStart = m.index + m[0].length;
      const valueEnd = k + 1 < starts.length ? starts[k + 1]!.index : section.length;
      out[m[1]!] = section.slice(valueStart, valueEnd).trim();
    });
  });
  return out;
}
