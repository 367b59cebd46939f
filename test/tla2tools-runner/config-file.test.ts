import { describe, expect, it } from 'vitest';
import { constantAssignmentsOfConfig } from 'tla2tools-runner';

describe('constantAssignmentsOfConfig', () => {
  it('reads every assignment of every CONSTANT section, values as written, comments dropped', () => {
    const cfg = [
      'CONSTANTS Variant = "M6" \\* the bug',
      '  Ranges = {<<1, 2>>, <<2, 2>>} N = 3',
      '  Sub <- MCSub',
      '(* a comment with X = 1 *)',
      'INVARIANT TypeOK',
      'CONSTANT Flag = FALSE',
    ].join('\n');
    expect(constantAssignmentsOfConfig(cfg)).toEqual({ Variant: '"M6"', Ranges: '{<<1, 2>>, <<2, 2>>}', N: '3', Sub: 'MCSub', Flag: 'FALSE' });
  });

  it('a config without constants has none', () => {
    expect(constantAssignmentsOfConfig('INIT Init\nNEXT Next\nINVARIANT I')).toEqual({});
  });
});
