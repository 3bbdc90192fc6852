import { formatFloat, formatValue, goTypeName, quote, sprint, sprintf, sprintln } from '../../../src/engine/gotemplate/format';

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

describe('formatFloat', () => {
  test.each<[number, 'e' | 'f' | 'g', number, string]>([
    [123456.789, 'e', -1, '1.234568e+05'],
    [0, 'e', 2, '0.00e+00'],
    [3.14159, 'f', 2, '3.14'],
    [1e21, 'f', 1, '1000000000000000000000.0'],
    [100000, 'g', -1, '100000'],
    [1000000, 'g', -1, '1e+06'],
    [1234.5678, 'g', 3, '1.23e+03'],
    [1, 'g', 3, '1'],
    [-2.5, 'g', -1, '-2.5'],
    [Number.POSITIVE_INFINITY, 'g', -1, '+Inf'],
  ])('%p as %%%s (precision %p)', (n, verb, prec, expected) => {
    expect(formatFloat(n, verb, prec)).toBe(expected);
  });
});

describe('sprintf', () => {
  test.each<[string, unknown[], string]>([
    ['%5s|%-5s|%.1s', ['ab', 'ab', 'ab'], '   ab|ab   |a'],
    ['%05d|%+d|% d|%x|%#x|%#o|%b', [42, 3, 3, 255, 255, 8, 5], '00042|+3| 3|ff|0xff|010|101'],
    ['%08.3f|%-8.2f|', [-3.14159, 2.5], '-003.142|2.50    |'],
    ['%q|%+q|%#q|%q', ['a"b', 'é', 'raw', 65], '"a\\"b"|"\\u00e9"|`raw`|\'A\''],
    ['%t|%v|%T', [true, null, 1.5], 'true|<nil>|float64'],
    ['%*d|%.*f', [4, 7, 1, 2.25], '   7|2.2'],
    ['%d', ['x'], '%!d(string=x)'],
    ['%s', [null], '%!s(<nil>)'],
    ['%d %d', [1], '1 %!d(MISSING)'],
    ['%d', [1, 'x'], '1%!(EXTRA string=x)'],
    ['100%', [], '100%!(NOVERB)'],
    ['%z', [1], '%!z(int=1)'],
    ['%5d', [[1, 2]], '[    1     2]'],
  ])('%j with %j', (format, args, expected) => {
    expect(sprintf(format, args)).toBe(expected);
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

describe('rounding', () => {
  test.each<[number, 'e' | 'f' | 'g', number, string]>([
    [2.25, 'f', 1, '2.2'],
    [2.35, 'f', 1, '2.4'],
    [0.125, 'f', 2, '0.12'],
    [9.95, 'f', 1, '9.9'],
    [99.5, 'f', 0, '100'],
    [2.5, 'e', 0, '2e+00'],
    [1.25, 'g', 2, '1.2'],
    [9.5, 'g', 1, '1e+01'],
  ])('rounds exact ties to even: %p as %%%s (precision %p)', (n, verb, prec, expected) => {
    expect(formatFloat(n, verb, prec)).toBe(expected);
  });
});
