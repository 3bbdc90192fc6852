import { formatValue, goTypeName, quote, sprint, sprintln } from '../../../src/engine/gotemplate/format';

describe('formatValue', () => {
  test.each<[string, unknown, string]>([
    ['an integral number as an int', 1000000, '1000000'],
    ['a fraction in shortest form', 0.1, '0.1'],
    ['a large fraction with an exponent', 1234567.5, '1.2345675e+06'],
    ['a small fraction with an exponent', 0.00001, '1e-05'],
    ['nil', null, '<nil>'],
    ['a map with sorted keys', { b: 1, a: { c: 'x' } }, 'map[a:map[c:x] b:1]'],
    ['a list', ['a', 1, true, null], '[a 1 true <nil>]'],
    ['an empty map and list', [{}, []], '[map[] []]'],
  ])('prints %s', (_name, v, expected) => {
    expect(formatValue(v)).toBe(expected);
  });
});

describe('print functions', () => {
  test('Sprint puts spaces only between non-string operands', () => {
    expect(sprint([1, 2, 'a', 'b', 3, null])).toBe('1 2ab3 <nil>');
  });

  test('Sprintln puts spaces everywhere and ends with a newline', () => {
    expect(sprintln(['a', 'b', 1])).toBe('a b 1\n');
  });

  test('quote escapes control and non-printable characters like strconv.Quote', () => {
    expect(quote('a\u0001\u00a0é\t"\\😀')).toBe('"a\\x01\\u00a0é\\t\\"\\\\😀"');
  });

  test('goTypeName names the Go types of JSON-like values', () => {
    expect([1, 1.5, 's', true, null, [], {}].map(goTypeName)).toEqual([
      'int',
      'float64',
      'string',
      'bool',
      '<nil>',
      '[]interface {}',
      'map[string]interface {}',
    ]);
  });
});
