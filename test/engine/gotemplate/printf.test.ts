import { sprintf } from '../../../src/engine/gotemplate/printf';

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

describe('sprintf refuses widths and precisions fmt refuses, so no format pads to gigabytes', () => {
  // The expected texts are what Go's fmt prints (checked against helm's tpl).
  test.each<[string, unknown[], string]>([
    ['%999999999d', [1], '%!(NOVERB)%!(EXTRA int=1)'],
    ['%.999999999f', [1.5], '%!(NOVERB)%!(EXTRA float64=1.5)'],
    ['%*d|', [999999999, 1], '%!(BADWIDTH)1|'],
    ['%*d|', [-1000001, 1], '%!(BADWIDTH)1|'],
    ['%.*d|', [2000000, 1], '%!(BADPREC)1|'],
  ])('%j with %j', (format, args, expected) => {
    expect(sprintf(format, args)).toBe(expected);
  });

  test('still pads to the widest width fmt accepts', () => {
    expect(sprintf('%10000000d', [1])).toHaveLength(10_000_000);
    expect(sprintf('%*d', [-1_000_000, 1])).toHaveLength(1_000_000);
  });
});

describe('sprintf prints runes as fmt does, invalid code points included', () => {
  // The expected texts are what Go's fmt prints (checked against helm's tpl).
  test.each<[string, unknown[], string]>([
    ['%c|%U|%q', [99999999, 99999999, -5], "\ufffd|U+5F5E0FF|'\ufffd'"],
    ['%#U|%#U|%#U|%#U', [-1, 10, 65, 0x110000], "U+FFFFFFFFFFFFFFFF|U+000A|U+0041 'A'|U+110000"],
    ['%c|%q|%+q', [0xd800, 0xd800, 233], "\ufffd|'\ufffd'|'\\u00e9'"],
    ['%.6U|%8U|%-8U|%08U', [65, 65, 65, 65], 'U+000041|  U+0041|U+0041  |  U+0041'],
  ])('%j with %j', (format, args, expected) => {
    expect(sprintf(format, args)).toBe(expected);
  });
});
