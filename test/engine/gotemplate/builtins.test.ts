import { BUILTINS, callFunction, isTrue } from '../../../src/engine/gotemplate/builtins';
import { GoPointer, markType } from '../../../src/engine/gotemplate/values';

const STRING_MAP = { name: 'map[string]string', zero: '' };
const NIL_INT_POINTER = new GoPointer({ kind: 'ptr', elem: { kind: 'basic', name: 'int64', zero: 0 } }, undefined);

describe('isTrue', () => {
  test.each<[unknown, boolean]>([
    [null, false],
    [undefined, false],
    [0, false],
    [1, true],
    ['', false],
    ['x', true],
    [[], false],
    [[0], true],
    [{}, false],
    [{ a: 1 }, true],
    [false, false],
    [() => 1, true],
    [NIL_INT_POINTER, false],
  ])('%p is %p', (v, expected) => {
    expect(isTrue(v)).toBe(expected);
  });
});

describe('builtins', () => {
  test.each<[string, unknown[], unknown]>([
    ['index', [{ a: [1, { b: 'x' }] }, 'a', 1, 'b'], 'x'],
    ['index', [{}, 'missing'], null],
    ['index', [markType({}, STRING_MAP), 'missing'], ''],
    ['index', ['abc', 0], 97],
    ['slice', ['héllo', 0, 3], 'hé'],
    ['slice', [[1, 2, 3], 1], [2, 3]],
    ['len', ['héllo'], 6],
    ['len', [{ a: 1, b: 2 }], 2],
    ['eq', [null, null], true],
    ['eq', [null, 'x'], false],
    ['eq', ['a', 'b', 'a'], true],
    ['ne', [1, 1], false],
    ['ge', ['b', 'a'], true],
    ['html', ['<a>&\'"'], '&lt;a&gt;&amp;&#39;&#34;'],
    ['html', [1, 2], '1 2'],
    ['js', ["<'\n"], "\\u003C\\'\\u000A"],
    ['urlquery', ['a b/é'], 'a+b%2F%C3%A9'],
    ['call', [(a: number, b: number) => a + b, 1, 2], 3],
    ['not', [''], true],
  ])('%s %j', (name, args, expected) => {
    expect(callFunction(BUILTINS[name], args)).toEqual(expected);
  });

  test.each<[string, unknown[], string]>([
    ['index', [null, 'a'], 'index of untyped nil'],
    ['index', [{ a: null }, 'a', 'b'], 'index of nil pointer'],
    ['index', [{}, 1], 'value has type int; should be string'],
    ['index', [[1], 'a'], 'cannot index slice/array with type string'],
    ['index', [1, 0], "can't index item of type int"],
    ['slice', [[1, 2], 2, 1], 'invalid slice index: 2 > 1'],
    ['slice', ['ab', 0, 1, 2], 'cannot 3-index slice a string'],
    ['len', [3], 'len of type int'],
    ['len', [NIL_INT_POINTER], 'len of nil pointer'],
    ['eq', [1], 'missing argument for comparison'],
    ['eq', [[1], [1]], 'non-comparable type [%!s(int=1)]: []interface {}'],
    ['lt', [true, false], 'invalid type for comparison'],
    ['lt', [1, 'a'], 'incompatible types for comparison: int and string'],
    ['printf', [1], 'wrong type for value; expected string; got int'],
    ['call', [1], 'non-function of type int'],
  ])('%s %j fails', (name, args, message) => {
    expect(() => callFunction(BUILTINS[name], args)).toThrow(message);
  });
});
