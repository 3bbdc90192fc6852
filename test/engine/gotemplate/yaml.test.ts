import { goYaml, goYamlKeyOrder } from '../../../src/engine/gotemplate/yaml';
import { renderWithGo } from './go-oracle';

/** Values whose YAML form we compare with sigs.k8s.io/yaml (Helm's toYaml, which trims the final newline). */
const VALUES: Record<string, unknown> = {
  scalars: { t: true, n: null, i: 42, f: 0.5, big: 1e21, neg: -3, zero: 0 },
  quoting: [
    'yes',
    'on',
    'No',
    'y',
    'true',
    '1.0',
    '0x10',
    '',
    'null',
    '~',
    'a: b',
    '- x',
    '#c',
    ' lead',
    'trail ',
    '@x',
    '`x',
    '1e3',
    '.5',
  ],
  resolving: [
    '2024-01-01',
    '2024-01-01T10:00:00Z',
    '1:20',
    '0755',
    '0b101',
    '+1',
    '-.inf',
    '.NaN',
    '1_000',
    '<<',
    '=',
    '0o17',
    '08',
    '1e',
    'Yes!',
    'tab\there',
    'a\u0001b',
  ],
  multiline: { text: 'line one\nline two\n', noEnd: 'a\nb', spaces: 'a\n  b\n' },
  keys: { a10: 1, a9: 2, b: 3, B: 4, _x: 5, '1': 6, '10': 7, '2': 8, 'x-y': 9, Zz: 10, a: 11 },
  nested: { list: [{ name: 'a', ports: [80, 443] }, [], {}, [1, [2, [3]]]], empty: {}, none: [] },
  unicode: { é: 'ü', tab: 'a\tb', on: 'key', '1.5': 'x' },
};

describe('goYamlKeyOrder', () => {
  test('puts non-letters before letters and compares digit runs as numbers', () => {
    expect(['b', 'a10', 'B', '_x', 'a9', '10', '2', 'a'].sort(goYamlKeyOrder)).toEqual(['_x', '2', '10', 'B', 'a', 'a9', 'a10', 'b']);
  });
});

describe('goYaml agrees with sigs.k8s.io/yaml (Helm toYaml)', () => {
  const names = Object.keys(VALUES);
  const go = renderWithGo(
    names.map((n) => `{{ toYaml .Values.${n} }}`),
    VALUES,
  );
  if (!go) {
    test.skip('helm is not available, so there is no Go reference', () => undefined);
    return;
  }
  test.each(names.map((n, i) => [n, go[i]]))('%s', (name, expected) => {
    expect(goYaml(VALUES[name])).toBe(`${expected}\n`);
  });
});

test('goYaml writes null for nothing and fails like encoding/json on NaN', () => {
  expect(goYaml(null)).toBe('null\n');
  expect(() => goYaml(Number.NaN)).toThrow('json: unsupported value: NaN');
});
