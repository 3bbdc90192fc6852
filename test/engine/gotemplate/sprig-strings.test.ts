import { callFunction } from '../../../src/engine/gotemplate/builtins';
import { STRING_FUNCTIONS, strslice } from '../../../src/engine/gotemplate/sprig-strings';

const call = (name: string, ...args: unknown[]): unknown => callFunction(STRING_FUNCTIONS[name], args);

describe('sprig string functions', () => {
  test.each<[string, unknown[], unknown]>([
    ['b64dec', ['aGVsbG8='], 'hello'],
    ['b64dec', ['aGVsbG8'], 'illegal base64 data at input byte 4'],
    ['trimAll', ['-$', '$-ab-$'], 'ab'],
    ['substr', [1, 3, 'abcdef'], 'bc'],
    ['nospace', [' a b\tc\r\n'], 'abc'],
    // Go tests bytes, so it drops the 0xA0 of a no-break space and leaves its lead byte (U+FFFD here).
    ['nospace', ['a\u00a0b'], 'a\ufffdb'],
    ['trim', ['\ufeff x \u0085'], '\ufeff x'],
    ['upper', ['straße'], 'STRAßE'],
    ['title', ["it's a-b_c éa"], "It'S A-B_c Éa"],
    ['sha256sum', ['x'], '2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881'],
    ['split', ['', 'ab'], { _0: 'a', _1: 'b' }],
    ['indent', [2, 'a\nb'], '  a\n  b'],
    ['quote', ['a"b', null, 1], '"a\\"b" "1"'],
  ])('%s %j', (name, args, expected) => {
    expect(call(name, ...args)).toEqual(expected);
  });

  test.each<[string, unknown[], string]>([
    ['upper', [1], 'wrong type for value; expected string; got int'],
    ['upper', [null], 'invalid value; expected string'],
    ['trunc', ['x', 'abc'], 'wrong type for value; expected int; got string'],
    ['repeat', [-1, 'x'], 'strings: negative Repeat count'],
    ['indent', [-1, 'x'], 'strings: negative Repeat count'],
    ['substr', [3, 1, 'abcdef'], 'slice bounds out of range [3:1]'],
    ['repeat', [100_000_000, 'x'], 'exceeds the template output limit'],
  ])('%s %j fails', (name, args, message) => {
    expect(() => call(name, ...args)).toThrow(message);
  });

  test('strslice drops nil elements and wraps single values', () => {
    expect([strslice(['a', null, 1]), strslice(null), strslice(2)]).toEqual([['a', '1'], [], ['2']]);
  });
});
