/**
 * JUnit XML for `check --junit FILE`: one test suite, one test case per model,
 * so that CI test-report tools (GitHub, GitLab, Jenkins) show which model did
 * not behave as the manifest expects. A mismatch is a <failure> whose text is
 * the mismatch list and the counterexample in the terminal's swimlane form.
 */

/** What the JUnit file says of one model. */
export interface JunitCase {
  readonly name: string;
  /** The manifest's expected verdict and TLC's. */
  readonly expected: string;
  readonly actual: string;
  readonly violated: string | null;
  readonly ok: boolean;
  readonly durationMs: number;
  readonly mismatches: readonly string[];
  /** TLC's own error lines, if it could not check the model. */
  readonly errors: readonly string[];
  /** The counterexample drawn as text, if there is one. */
  readonly counterexample?: string | null;
}

/** Escapes text for XML attribute values and character data. */
export function xmlEscape(text: string): string {
  // Control characters other than tab, newline and carriage return are not allowed in XML 1.0 at all.
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '').replace(/\u001b\[[0-9;]*m/g, '');
  return clean.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

function failureText(c: JunitCase): string {
  return [...c.mismatches, ...c.errors.map((e) => `TLC: ${e}`), ...(c.counterexample ? ['', c.counterexample] : [])].join('\n');
}

function testCase(c: JunitCase, suite: string): string {
  const open = `  <testcase classname="${xmlEscape(suite)}" name="${xmlEscape(c.name)}" time="${seconds(c.durationMs)}"`;
  if (c.ok) return `${open}/>`;
  const verdict = c.violated ? `${c.actual} (${c.violated})` : c.actual;
  const message = `expected ${c.expected}, TLC said ${verdict}`;
  return [`${open}>`, `    <failure message="${xmlEscape(message)}" type="ManifestMismatch">${xmlEscape(failureText(c))}</failure>`, '  </testcase>'].join('\n');
}

/** The whole JUnit document for one check run. */
export function renderJunit(cases: readonly JunitCase[], suite = 'tlc-models', timestamp = new Date()): string {
  const failures = cases.filter((c) => !c.ok).length;
  const total = cases.reduce((sum, c) => sum + c.durationMs, 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xmlEscape(suite)}" tests="${cases.length}" failures="${failures}" errors="0" time="${seconds(total)}">`,
    `<testsuite name="${xmlEscape(suite)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="0" time="${seconds(total)}" timestamp="${timestamp.toISOString().slice(0, 19)}">`,
    ...cases.map((c) => testCase(c, suite)),
    '</testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
