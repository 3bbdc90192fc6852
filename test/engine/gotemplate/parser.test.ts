import { parse } from '../../../src/engine/gotemplate/parser';
import { TemplateError } from '../../../src/engine/gotemplate/errors';

const known = new Set(['f', 'eq', 'printf']);
const parseIt = (src: string) => parse('t', src, (n) => known.has(n));

function parseError(src: string): TemplateError {
  try {
    parseIt(src);
  } catch (e) {
    if (e instanceof TemplateError) return e;
    throw e;
  }
  throw new Error(`expected a parse error for ${src}`);
}

describe('parse', () => {
  test('collects define and block bodies as named templates', () => {
    const trees = parseIt('{{define "a"}}A{{end}}{{block "b" .}}B{{end}}main');
    expect([...trees.keys()].sort()).toEqual(['a', 'b', 't']);
  });

  test('lets a later non-empty define replace an empty one', () => {
    const trees = parseIt('{{define "a"}} {{end}}{{define "a"}}A{{end}}');
    expect(trees.get('a')?.root.nodes).toEqual([{ kind: 'text', pos: expect.any(Number), text: 'A' }]);
  });

  test('turns else-if into a nested if in the else branch', () => {
    const root = parseIt('{{if 1}}a{{else if 2}}b{{else}}c{{end}}').get('t')?.root;
    const outer = root?.nodes[0];
    expect(outer).toMatchObject({ kind: 'if', elseList: { nodes: [{ kind: 'if', elseList: { nodes: [{ kind: 'text', text: 'c' }] } }] } });
  });

  test('merges fields after a variable into one node', () => {
    const root = parseIt('{{$x := 1}}{{$x.A.B}}').get('t')?.root;
    expect(root?.nodes[1]).toMatchObject({ kind: 'action', pipe: { cmds: [{ args: [{ kind: 'variable', ident: ['$x', 'A', 'B'] }] }] } });
  });

  test('keeps fields after a parenthesized pipeline as a chain', () => {
    const root = parseIt('{{(f).A}}').get('t')?.root;
    expect(root?.nodes[0]).toMatchObject({ kind: 'action', pipe: { cmds: [{ args: [{ kind: 'chain', fields: ['A'] }] }] } });
  });

  test.each<[string, string, string]>([
    ['an unclosed action', '{{ .A', 'template: t:1: unclosed action'],
    ['an unclosed action over lines', 'x\n{{ .A\n', 'template: t:3: unclosed action started at t:2'],
    ['an unknown function', '{{ nope 1 }}', 'template: t:1: function "nope" not defined'],
    ['an undefined variable', '{{ $x }}', 'template: t:1: undefined variable "$x"'],
    ['a variable used outside its if', '{{ if 1 }}{{ $x := 1 }}{{ end }}{{ $x }}', 'template: t:1: undefined variable "$x"'],
    ['a missing end', '{{ if 1 }}a', 'template: t:1: unexpected EOF'],
    ['a stray end', '{{ end }}', 'template: t:1: unexpected {{end}}'],
    ['a stray else', 'a\n{{ else }}', 'template: t:2: unexpected {{else}}'],
    ['a second else', '{{ if 1 }}{{ else }}{{ else }}{{ end }}', 'template: t:1: expected end; found {{else}}'],
    ['an empty if', '{{ if }}{{ end }}', 'template: t:1: missing value for if'],
    ['an empty action', '{{ }}', 'template: t:1: missing value for command'],
    ['a literal after a pipe', '{{ f | 1 }}', 'template: t:1: non executable command in pipeline stage 2'],
    ['break outside range', '{{ break }}', 'template: t:1: {{break}} outside {{range}}'],
    [
      'continue inside a define called from range',
      '{{ define "x" }}{{ continue }}{{ end }}',
      'template: t:1: {{continue}} outside {{range}}',
    ],
    ['three range variables', '{{ range $a, $b, $c := . }}{{ end }}', 'template: t:1: too many declarations in range'],
    ['two variables outside range', '{{ with $a, $b := . }}{{ end }}', 'template: t:1: too many declarations in with'],
    ['a field on a literal', '{{ "x".A }}', 'template: t:1: unexpected . after term "\\"x\\""'],
    ['a template name that is not a string', '{{ template x }}', 'template: t:1: unexpected "x" in template clause'],
    [
      'duplicate definitions',
      '{{define "a"}}1{{end}}{{define "a"}}2{{end}}',
      'template: t:1: template: multiple definition of template "a"',
    ],
    ['a bad escape', '{{ "\\q" }}', 'template: t:1: invalid syntax'],
    ['an illegal number', '{{ 1.2.3 }}', 'template: t:1: unexpected ".3" in operand'],
    ['an unexpected token in an operand', '{{ f := 1 }}', 'template: t:1: unexpected ":=" in operand'],
    ['nested define', '{{ if 1 }}{{ define "a" }}{{ end }}{{ end }}', 'template: t:1: unexpected <define> in command'],
  ])('fails on %s', (_name, src, message) => {
    expect(parseError(src).message).toBe(message);
  });

  test('reports the template name and line in the error fields', () => {
    const e = parseError('line1\nline2 {{ nope }}');
    expect([e.templateName, e.line, e.reason]).toEqual(['t', 2, 'function "nope" not defined']);
  });
});
