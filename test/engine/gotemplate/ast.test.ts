import { nodeString } from '../../../src/engine/gotemplate/ast';
import { parse } from '../../../src/engine/gotemplate/parser';

/** The pipeline of the first action of `src`, printed back. */
function printed(src: string): string {
  const action = parse('t', src, () => true).get('t')?.root.nodes[0];
  if (action?.kind !== 'action') throw new Error('no action');
  return nodeString(action.pipe);
}

describe('nodeString', () => {
  test.each<[string, string]>([
    ['{{ .A.B }}', '.A.B'],
    ['{{ $x := f 1 "s" `r` nil true . }}', '$x := f 1 "s" `r` nil true .'],
    ['{{ (f 1).A | g }}', '(f 1).A | g'],
    ['{{ $.A }}', '$.A'],
    ['{{ f (g 1) }}', 'f (g 1)'],
  ])('prints %s back as %s', (src, expected) => {
    expect(printed(src)).toBe(expected);
  });
});
