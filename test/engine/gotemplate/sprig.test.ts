import { SPRIG_FUNCTIONS, toInt64 } from '../../../src/engine/gotemplate/sprig';

const call = (name: string, ...args: unknown[]): unknown => SPRIG_FUNCTIONS[name](...args);

describe('sprig functions', () => {
  test.each<[string, unknown[], unknown]>([
    ['default', ['d', null], 'd'],
    ['default', ['d'], 'd'],
    ['default', ['d', false], 'd'],
    ['default', ['d', []], 'd'],
    ['default', ['d', 0.5], 0.5],
    ['coalesce', [null, '', 0], null],
    ['empty', [{}], true],
    ['required', ['need it', 'v'], 'v'],
    ['toJson', [{ b: [1, null], a: 'é\u2028' }], '{"a":"é\\u2028","b":[1,null]}'],
    ['toRawJson', [{ a: '<>' }], '{"a":"<>"}'],
    ['toPrettyJson', [{ b: 1, a: [] }], '{\n  "a": [],\n  "b": 1\n}'],
    ['fromJson', ['{"a":[1]}'], { a: [1] }],
    ['fromJson', ['not json'], null],
    ['toYaml', [{ b: [1, 'x'], a: { c: true } }], 'a:\n  c: true\nb:\n- 1\n- x'],
    ['b64dec', ['aGVsbG8='], 'hello'],
    ['trimAll', ['-$', '$-ab-$'], 'ab'],
    ['substr', [1, 3, 'abcdef'], 'bc'],
    ['nospace', [' a b\tc '], 'abc'],
    ['sha256sum', ['x'], '2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881'],
    ['int', ['0x10'], 16],
    ['int', ['abc'], 0],
    ['float64', ['2.5'], 2.5],
    ['atoi', ['12a'], 0],
    ['until', [-3], [0, -1, -2]],
    ['untilStep', [0, 10, 4], [0, 4, 8]],
    ['rest', [[1, 2, 3]], [2, 3]],
    ['initial', [[1, 2, 3]], [1, 2]],
    ['prepend', [[2], 1], [1, 2]],
    ['compact', [[0, 'a', '', null, 'b']], ['a', 'b']],
    ['reverse', [[1, 2]], [2, 1]],
    ['first', [[]], null],
    ['uniq', [[{ a: 1 }, { a: 1 }, 2]], [{ a: 1 }, 2]],
    ['values', [{ b: 2, a: 1 }], [1, 2]],
    ['pick', [{ a: 1, b: 2 }, 'a', 'z'], { a: 1 }],
    ['omit', [{ a: 1, b: 2 }, 'a'], { b: 2 }],
    ['dig', ['a', 'b', 'def', { a: { b: 1 } }], 1],
    ['dig', ['a', 'x', 'def', { a: { b: 1 } }], 'def'],
    ['dict', ['a', 1, 'odd'], { a: 1, odd: '' }],
    ['kindOf', [null], 'invalid'],
    ['kindOf', [1.5], 'float64'],
    ['typeIs', ['string', 'x'], true],
    ['all', [1, 'a', []], false],
    ['any', [0, '', 'x'], true],
    ['deepCopy', [{ a: [1] }], { a: [1] }],
    ['split', ['', 'ab'], { _0: 'a', _1: 'b' }],
  ])('%s %j', (name, args, expected) => {
    expect(call(name, ...args)).toEqual(expected);
  });

  test.each<[string, unknown[], string]>([
    ['required', ['value is required', null], 'value is required'],
    ['required', ['value is required', ''], 'value is required'],
    ['fail', ['stop here'], 'stop here'],
    ['div', [1, 0], 'integer divide by zero'],
    ['upper', [1], 'wrong type for value; expected string; got int'],
    ['upper', [null], 'invalid value; expected string'],
    ['trunc', ['x', 'abc'], 'wrong type for value; expected int; got string'],
    ['ternary', [1, 2, 'yes'], 'wrong type for value; expected bool; got string'],
    ['first', ['abc'], 'Cannot find first on type string'],
    ['slice', ['abc', 1], 'list should be type of slice or array but string'],
    ['hasKey', [[1], 'a'], 'expected map[string]interface {}; got []interface {}'],
    ['mustFromJson', ['{'], 'JSON'],
  ])('%s %j fails', (name, args, message) => {
    expect(() => call(name, ...args)).toThrow(message);
  });

  test('merge keeps destination values and fills what is missing', () => {
    const dst = { a: 1, n: { x: 1 }, e: '' };
    expect(call('merge', dst, { a: 2, b: 3, n: { x: 2, y: 2 }, e: 'filled' })).toEqual({ a: 1, b: 3, n: { x: 1, y: 2 }, e: 'filled' });
  });

  test('mergeOverwrite lets later sources win and copies them', () => {
    const src = { n: { y: [1] } };
    const out = call('mergeOverwrite', { a: 1, n: { x: 1 } }, { a: 2 }, src) as { n: { y: number[] } };
    expect(out).toEqual({ a: 2, n: { x: 1, y: [1] } });
    expect(out.n.y).not.toBe(src.n.y);
  });

  test('set and unset change the dictionary in place', () => {
    const d: Record<string, unknown> = { a: 1 };
    call('set', d, 'b', 2);
    call('unset', d, 'a');
    expect(d).toEqual({ b: 2 });
  });

  test.each<[unknown, number]>([
    [3.9, 3],
    [-3.9, -3],
    ['017', 15],
    ['1.0', 1],
    [true, 1],
    [null, 0],
  ])('toInt64 converts %p to %p', (v, expected) => {
    expect(toInt64(v)).toBe(expected);
  });
});
