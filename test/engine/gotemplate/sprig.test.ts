import { callFunction } from '../../../src/engine/gotemplate/builtins';
import { SPRIG_FUNCTIONS } from '../../../src/engine/gotemplate/sprig';

const call = (name: string, ...args: unknown[]): unknown => callFunction(SPRIG_FUNCTIONS[name], args);

describe('sprig functions', () => {
  test.each<[string, unknown[], unknown]>([
    ['default', ['d', null], 'd'],
    ['default', ['d'], 'd'],
    ['default', ['d', false], 'd'],
    ['default', ['d', []], 'd'],
    ['default', ['d', 0.5], 0.5],
    ['coalesce', [null, '', 0], null],
    ['empty', [{}], true],
    ['toJson', [{ b: [1, null], a: 'é\u2028' }], '{"a":"é\\u2028","b":[1,null]}'],
    ['toRawJson', [{ a: '<>' }], '{"a":"<>"}'],
    ['toPrettyJson', [{ b: 1, a: [] }], '{\n  "a": [],\n  "b": 1\n}'],
    ['fromJson', ['{"a":[1]}'], { a: [1] }],
    ['fromJson', ['not json'], null],
    ['int', ['0x10'], 16],
    ['int', ['abc'], 0],
    ['float64', ['2.5'], 2.5],
    ['atoi', ['12a'], 0],
    ['kindOf', [null], 'invalid'],
    ['kindOf', [1.5], 'float64'],
    ['typeIs', ['string', 'x'], true],
    ['all', [1, 'a', []], false],
    ['any', [0, '', 'x'], true],
  ])('%s %j', (name, args, expected) => {
    expect(call(name, ...args)).toEqual(expected);
  });

  test.each<[string, unknown[], string]>([
    ['fail', ['stop here'], 'stop here'],
    ['div', [1, 0], 'integer divide by zero'],
    ['ternary', [1, 2, 'yes'], 'wrong type for value; expected bool; got string'],
    ['mustFromJson', ['{'], 'JSON'],
  ])('%s %j fails', (name, args, message) => {
    expect(() => call(name, ...args)).toThrow(message);
  });

  test('leaves out functions istiod does not have', () => {
    expect(Object.keys(SPRIG_FUNCTIONS).filter((name) => ['required', 'toYaml', 'include', 'tpl', 'now', 'env'].includes(name))).toEqual(
      [],
    );
  });
});
