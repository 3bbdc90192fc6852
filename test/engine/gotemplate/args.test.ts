import { boolArg, intArg, mapArg, sliceArg, stringArg, structArg } from '../../../src/engine/gotemplate/args';
import { GoPointer, GoStruct, markType, type StructType } from '../../../src/engine/gotemplate/values';

const META: StructType = { name: 'v1.ObjectMeta', fields: [] };

describe('typed parameters of functions called directly', () => {
  test('take matching values, one pointer followed', () => {
    expect(stringArg(new GoPointer({ kind: 'ptr', elem: { kind: 'basic', name: 'string', zero: '' } }, 'x'))).toBe('x');
    expect([intArg(3), boolArg(false)]).toEqual([3, false]);
    const meta = new GoStruct(META, []);
    expect(structArg(new GoPointer({ kind: 'ptr', elem: { kind: 'struct', struct: META } }, meta), 'v1.ObjectMeta')).toBe(meta);
  });

  test('read nil maps and slices as empty', () => {
    expect([mapArg(null), sliceArg(undefined)]).toEqual([{}, []]);
  });

  test.each<[string, () => unknown, string]>([
    ['a float for an int', () => intArg(1.5), 'wrong type for value; expected int; got float64'],
    ['nil for a bool', () => boolArg(null), 'invalid value; expected bool'],
    [
      'a typed map for an untyped one',
      () => mapArg(markType({}, { name: 'map[string]string' })),
      'expected map[string]interface {}; got map[string]string',
    ],
    ['an untyped list for []v1.Container', () => sliceArg(['a'], '[]v1.Container'), 'expected []v1.Container; got []interface {}'],
    ['a map for a struct', () => structArg({}, 'v1.ObjectMeta'), 'expected v1.ObjectMeta; got map[string]interface {}'],
  ])('reject %s', (_name, call, message) => {
    expect(call).toThrow(message);
  });
});
