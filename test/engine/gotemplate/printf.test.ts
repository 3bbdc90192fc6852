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
