import { ArgumentError, canBeNil, checkArgument, literalArgument, nilArgument } from '../../../src/engine/gotemplate/typecheck';
import { GoPointer, markOf, markType } from '../../../src/engine/gotemplate/values';

function failure(check: () => unknown): string {
  try {
    check();
  } catch (e) {
    if (e instanceof ArgumentError) return e.message;
    throw e;
  }
  return 'no error';
}

describe('argument checks', () => {
  test.each<[string, Parameters<typeof literalArgument>[0], string, string, string]>([
    ['a number literal for a string', { kind: 'number', value: 1, isFloat: false }, '1', 'string', 'expected string; found 1'],
    ['a float literal for an int', { kind: 'number', value: 1.5, isFloat: true }, '1.5', 'int', 'expected integer; found 1.5'],
    ['a string literal for an int', { kind: 'string', value: 'x' }, '"x"', 'int', 'expected integer; found "x"'],
    ['a string literal for a bool', { kind: 'string', value: 'x' }, '"x"', 'bool', 'expected bool; found "x"'],
    [
      'a literal for a map',
      { kind: 'string', value: 'x' },
      '"x"',
      'map[string]string',
      'can\'t handle "x" for arg of type map[string]string',
    ],
  ])('rejects %s by its syntax', (_name, literal, text, type, expected) => {
    expect(failure(() => literalArgument(literal, text, type))).toBe(expected);
  });

  test('accepts an integral float literal for an int, as Go does for 1.0', () => {
    expect(literalArgument({ kind: 'number', value: 1, isFloat: true }, '1.0', 'int')).toBe(1);
  });

  test.each<[string, unknown, string, string]>([
    ['an int for a string', 1, 'string', 'wrong type for value; expected string; got int'],
    ['a list for an int', ['a'], 'int', 'wrong type for value; expected int; got []interface {}'],
    ['nil for a string', null, 'string', 'invalid value; expected string'],
    [
      'an untyped map for map[string]string',
      {},
      'map[string]string',
      'wrong type for value; expected map[string]string; got map[string]interface {}',
    ],
    [
      'a nil pointer where its element is wanted',
      new GoPointer({ kind: 'ptr', elem: { kind: 'basic', name: 'string', zero: '' } }, undefined),
      'string',
      'dereference of nil pointer of type string',
    ],
  ])('rejects %s by its type', (_name, value, type, expected) => {
    expect(failure(() => checkArgument(value, type))).toBe(expected);
  });

  test('follows one pointer and passes typed values through', () => {
    expect(checkArgument(new GoPointer({ kind: 'ptr', elem: { kind: 'basic', name: 'string', zero: '' } }, 'x'), 'string')).toBe('x');
    const labels = markType({}, { name: 'map[string]string' });
    expect(checkArgument(labels, 'map[string]string')).toBe(labels);
    expect(checkArgument(undefined, 'interface {}')).toBeUndefined();
  });

  test('gives nil maps and slices for nil where Go can', () => {
    expect([canBeNil('map[string]string'), canBeNil('[]int'), canBeNil('*v1.Probe'), canBeNil('string')]).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect(markOf(nilArgument('map[string]string') as object)).toEqual({ name: 'map[string]string', zero: '', nil: true });
    expect(markOf(checkArgument(null, '[]string') as object)).toEqual({ name: '[]string', nil: true });
  });
});
