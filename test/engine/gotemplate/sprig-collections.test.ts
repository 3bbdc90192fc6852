import { callFunction } from '../../../src/engine/gotemplate/builtins';
import { COLLECTION_FUNCTIONS } from '../../../src/engine/gotemplate/sprig-collections';
import { markType } from '../../../src/engine/gotemplate/values';

const call = (name: string, ...args: unknown[]): unknown => callFunction(COLLECTION_FUNCTIONS[name], args);

describe('sprig list and dict functions', () => {
  test.each<[string, unknown[], unknown]>([
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
    ['pick', [{}, 'constructor'], {}],
    ['omit', [{ a: 1, b: 2 }, 'a'], { b: 2 }],
    ['dig', ['a', 'b', 'def', { a: { b: 1 } }], 1],
    ['dig', ['a', 'x', 'def', { a: { b: 1 } }], 'def'],
    ['dict', ['a', 1, 'odd'], { a: 1, odd: '' }],
    ['deepCopy', [{ a: [1] }], { a: [1] }],
    ['hasKey', [{}, 'toString'], false],
  ])('%s %j', (name, args, expected) => {
    expect(call(name, ...args)).toEqual(expected);
  });

  test.each<[string, unknown[], string]>([
    ['first', ['abc'], 'Cannot find first on type string'],
    ['slice', ['abc', 1], 'list should be type of slice or array but string'],
    ['hasKey', [[1], 'a'], 'expected map[string]interface {}; got []interface {}'],
    ['hasKey', [markType({ a: 'x' }, { name: 'map[string]string' }), 'a'], 'expected map[string]interface {}; got map[string]string'],
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
});
